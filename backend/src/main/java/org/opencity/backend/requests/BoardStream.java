package org.opencity.backend.requests;

import io.helidon.http.HeaderNames;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.notify.LiveNotifications;
import org.opencity.backend.notify.StreamGuard;
import org.opencity.model.Role;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The dispatcher board's live feed ({@code GET /api/v1/requests/stream}): a {@code changed} event
 * with the request's id whenever a request the caller may see changes (filed, routed, accepted,
 * overdue, commented...), a {@code reload} event when too many changed at once or the feed lost
 * track. The board then asks the ordinary, permission-checked search for what it shows; the feed
 * itself carries no request data. Changes on any backend instance arrive (see {@link BoardSignals}).
 * The feed ends when the caller's session does, and each person holds a bounded number of feeds
 * (see {@link StreamGuard}).
 */
public final class BoardStream {

    private final LiveNotifications signals;
    private final StreamGuard guard;
    private volatile boolean closing;

    public BoardStream(LiveNotifications signals, StreamGuard guard) {
        this.signals = signals;
        this.guard = guard;
    }

    /** Ends every open feed (the server is stopping). */
    public void close() {
        closing = true;
        signals.wakeEveryone();
    }

    void stream(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.required(req);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.create("X-Accel-Buffering"), "no");
        try (LiveNotifications.Subscription bell = signals.subscribe(caller.cityId(), true);
             StreamGuard.Slot slot = guard.open(caller, bell::wake); SseSink sink = res.sink(SseSink.TYPE)) {
            sink.emit(SseEvent.builder().comment("open").reconnectDelay(Duration.ofSeconds(3)).build());
            while (!closing) {
                boolean rang = bell.await(guard.heartbeat());
                // authenticated once, when it opened: the session must still be live to hear more
                if (closing || !slot.mayGoOn()) {
                    if (slot.displaced()) {
                        sink.emit(StreamGuard.DISPLACED);
                    }
                    break;
                }
                if (bell.overflowed()) {
                    sink.emit(SseEvent.builder().name("reload").data("{}").build());
                    continue;
                }
                Set<String> ids = new LinkedHashSet<>();
                for (String signal : bell.drain()) {
                    String[] parts = signal.split("\\|", -1);
                    if (parts.length == 4 && visible(caller, parts[2], parts[3])) {
                        ids.add(parts[1]);
                    }
                }
                for (String id : ids) {
                    sink.emit(SseEvent.builder().name("changed").data("{\"id\":\"" + id + "\"}").build());
                }
                if (!rang) {
                    sink.emit(SseEvent.builder().comment("heartbeat").build());
                }
            }
        } catch (UncheckedIOException gone) {
            // the board was closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The same rule as {@link Scope} for the roles that may open a board. */
    private static boolean visible(Caller caller, String organisationNow, String organisationBefore) {
        if (caller.cityWide()) {
            return true;
        }
        if ((caller.has(Role.ORG_DISPATCHER) || caller.has(Role.ORG_ADMIN)) && caller.organisationId().isPresent()) {
            String mine = caller.organisationId().get().toString();
            return mine.equals(organisationNow) || mine.equals(organisationBefore);
        }
        return false;
    }
}
