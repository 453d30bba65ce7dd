package org.opencity.backend.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.Dates;
import org.opencity.backend.web.Json;
import org.opencity.backend.web.PathParams;
import org.opencity.model.Platform;
import org.opencity.model.notify.NotificationView;
import org.opencity.model.notify.PushRegistration;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The signed-in person's notifications ({@code /api/v1/me/notifications}: the inbox, marking read,
 * and a live server-sent-events stream) and their device's push token ({@code /api/v1/me/push-token}).
 */
public final class NotificationsService implements HttpService {

    private final Inbox inbox;
    private final PushTokens tokens;
    private final LiveNotifications live;
    private final Function<UUID, Optional<Platform>> platforms;
    private final Clock clock;
    private final StreamGuard guard;
    private volatile boolean closing;

    public NotificationsService(Inbox inbox, PushTokens tokens, LiveNotifications live, Function<UUID, Optional<Platform>> platforms,
                                Clock clock, StreamGuard guard) {
        this.inbox = inbox;
        this.tokens = tokens;
        this.live = live;
        this.platforms = platforms;
        this.clock = clock;
        this.guard = guard;
    }

    /** Ends every open stream (the server is stopping). */
    public void closeStreams() {
        closing = true;
        live.wakeEveryone();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/notifications", this::page)
                .get("/notifications/stream", this::stream)
                .post("/notifications/read-all", this::readAll)
                .post("/notifications/{notificationId}/read", this::read)
                .put("/push-token", this::register)
                .delete("/push-token", this::unregister);
    }

    private void page(ServerRequest req, ServerResponse res) {
        int limit;
        try {
            limit = Integer.parseInt(req.query().first("limit").orElse("30"));
        } catch (NumberFormatException e) {
            throw ValidationFailed.of("limit", "format", "a whole number");
        }
        if (limit < 1 || limit > Inbox.MAX_PAGE) {
            throw ValidationFailed.of("limit", "range", "1 to " + Inbox.MAX_PAGE);
        }
        res.send(inbox.page(Callers.required(req).userId(), limit, req.query().first("cursor").orElse(null)));
    }

    private void read(ServerRequest req, ServerResponse res) {
        inbox.markRead(Callers.required(req).userId(), PathParams.uuid(req, "notificationId"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void readAll(ServerRequest req, ServerResponse res) {
        inbox.markAllRead(Callers.required(req).userId());
        res.status(Status.NO_CONTENT_204).send();
    }

    private void register(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.required(req);
        PushRegistration registration = req.content().as(PushRegistration.class);
        tokens.register(caller, platforms.apply(caller.deviceId()).orElse(Platform.ANDROID), registration);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void unregister(ServerRequest req, ServerResponse res) {
        tokens.unregister(Callers.required(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    /**
     * New notifications as they commit, as {@code notification} events whose id is the
     * notification's id. A client that reconnects with {@code Last-Event-ID} (or {@code ?since=} an
     * ISO time) also gets what it missed; without either, the stream starts now. Entries committed
     * late by a slower transaction are caught by looking back {@link Inbox#LOOK_BACK}; the stream
     * never sends one entry twice. Each time it wakes it checks that the session is still live
     * (see {@link StreamGuard}) and ends the stream when it is not, before delivering anything.
     */
    private void stream(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.required(req);
        Instant since = since(req, caller.userId());
        Instant floor = since;   // never older than asked for: looking back for late commits must not replay the past
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.create("X-Accel-Buffering"), "no");
        Map<UUID, Instant> sent = new LinkedHashMap<>();
        try (LiveNotifications.Subscription bell = live.subscribe(caller.userId()); StreamGuard.Slot slot = guard.open(caller, bell::wake);
             SseSink sink = res.sink(SseSink.TYPE)) {
            sink.emit(SseEvent.builder().comment("open").reconnectDelay(Duration.ofSeconds(3)).build());
            while (!closing && slot.mayGoOn()) {
                Instant now = clock.instant();
                for (NotificationView n : inbox.since(caller.userId(), since, 200)) {
                    if (sent.putIfAbsent(n.id(), n.createdAt()) == null) {
                        sink.emit(SseEvent.builder().id(n.id().toString()).name("notification").data(json(n)).build());
                    }
                }
                since = now.minus(Inbox.LOOK_BACK);
                if (since.isBefore(floor)) {
                    since = floor;
                }
                Instant horizon = since;
                sent.values().removeIf(at -> at.isBefore(horizon));
                // a comment line keeps proxies and the server's idle timeout from closing a quiet stream
                if (!bell.await(guard.heartbeat()) && !closing) {
                    sink.emit(SseEvent.builder().comment("heartbeat").build());
                }
            }
            if (slot.displaced()) {
                sink.emit(StreamGuard.DISPLACED);
            }
        } catch (UncheckedIOException gone) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Instant since(ServerRequest req, UUID user) {
        Optional<String> lastId = req.headers().first(HeaderNames.create("Last-Event-ID"));
        if (lastId.isPresent()) {
            UUID last;
            try {
                last = UUID.fromString(lastId.get().trim());
            } catch (IllegalArgumentException e) {
                throw ValidationFailed.of("Last-Event-ID", "format", "the id of the last notification received");
            }
            // from a little before the last one received (an unknown id: from now)
            return inbox.createdAt(user, last).map(at -> at.minus(Inbox.LOOK_BACK)).orElseGet(clock::instant);
        }
        Optional<String> since = req.query().first("since").asOptional();
        if (since.isPresent()) {
            return Dates.instant(since.get(), "since");
        }
        return clock.instant();
    }

    private static String json(NotificationView n) {
        try {
            return Json.mapper().writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
