package org.opencity.backend.notify;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Signals;
import org.opencity.backend.errors.NotFound;
import org.opencity.model.Ids;
import org.opencity.model.notify.NotificationKind;
import org.opencity.model.notify.NotificationPage;
import org.opencity.model.notify.NotificationView;
import org.opencity.model.notify.PushProvider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Everyone's notifications. {@link #add} runs inside the transaction of the change that causes the
 * notification: the inbox entry and one push delivery per device that can receive it commit (or
 * vanish) with the change itself; live streams are signalled once it has committed.
 */
public final class Inbox {

    public static final int MAX_PAGE = 100;
    /** Notifications are kept this long. */
    public static final Duration KEEP = Duration.ofDays(365);
    /** Live streams look back this far for entries committed late by slower transactions. */
    static final Duration LOOK_BACK = Duration.ofMinutes(2);

    private final DbClient db;
    private final Signals signals;
    private final Clock clock;
    private final Set<PushProvider> pushable;

    public Inbox(DbClient db, Signals signals, Clock clock, Set<PushProvider> pushable) {
        this.db = db;
        this.signals = signals;
        this.clock = clock;
        this.pushable = Set.copyOf(pushable);
    }

    /** Stores one notification for one person and queues a push to each of their signed-in devices. */
    public UUID add(DbTransaction t, UUID user, NotificationKind kind, Optional<UUID> request, String title, String body) {
        UUID id = Ids.newId();
        Instant now = clock.instant();
        t.createInsert("""
                INSERT INTO notification (id, user_id, kind, request_id, title, body, created_at)
                VALUES (:id, :user, :kind, :request, :title, :body, :now)""")
                .addParam("id", id).addParam("user", user).addParam("kind", kind.name()).addParam("request", request.orElse(null))
                .addParam("title", clip(title, 200)).addParam("body", clip(body, 1000)).addParam("now", Rows.param(now)).execute();
        if (!pushable.isEmpty()) {
            DeliveryPolicy policy = DeliveryPolicy.of(kind);
            Map<String, Object> params = new HashMap<>();
            params.put("id", id);
            params.put("user", user);
            params.put("now", Rows.param(now));
            params.put("giveUp", Rows.param(now.plus(policy.ttl())));
            params.put("providers", pushable.stream().map(Enum::name).collect(Collectors.joining(",")));
            t.createInsert("""
                    INSERT INTO push_delivery (notification_id, device_id, provider, next_at, give_up_at, created_at)
                    SELECT :id, p.device_id, p.provider, :now, :giveUp, :now FROM push_token p
                    JOIN device d ON d.id = p.device_id AND d.revoked_at IS NULL
                    WHERE p.user_id = :user AND p.provider = ANY (string_to_array(:providers, ','))
                      AND EXISTS (SELECT 1 FROM session_family f WHERE f.device_id = p.device_id AND f.user_id = p.user_id
                                  AND f.revoked_at IS NULL AND f.expires_at > :now)""").params(params).execute();
        }
        signals.afterCommit(t, LiveNotifications.CHANNEL, user.toString());
        return id;
    }

    /** The inbox, newest first, {@code limit} at a time. */
    public NotificationPage page(UUID user, int limit, String cursor) {
        Map<String, Object> params = new HashMap<>();
        params.put("user", user);
        params.put("limit", limit + 1);
        String before = "";
        if (cursor != null && !cursor.isBlank()) {
            params.put("before", decode(cursor));
            before = " AND n.id < :before";
        }
        List<NotificationView> items;
        try (var rows = db.execute().createQuery(SELECT + " WHERE n.user_id = :user" + before + " ORDER BY n.id DESC LIMIT :limit")
                .params(params).execute()) {
            items = rows.map(Inbox::view).toList();
        }
        String next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(items.getLast().id().toString().getBytes());
        }
        return new NotificationPage(items, unread(user), next);
    }

    public long unread(UUID user) {
        return db.execute().createGet("SELECT count(*) AS n FROM notification WHERE user_id = :user AND read_at IS NULL")
                .addParam("user", user).execute().map(r -> Rows.longValue(r, "n")).orElse(0L);
    }

    /** The newest unread ones (the phone's pull carries them). */
    public List<NotificationView> unreadNewest(UUID user, int limit) {
        try (var rows = db.execute().createQuery(SELECT + " WHERE n.user_id = :user AND n.read_at IS NULL ORDER BY n.id DESC LIMIT :limit")
                .addParam("user", user).addParam("limit", limit).execute()) {
            return rows.map(Inbox::view).toList();
        }
    }

    /** Entries created since {@code since} (a live stream's look-back window), oldest first. */
    List<NotificationView> since(UUID user, Instant since, int limit) {
        try (var rows = db.execute().createQuery(SELECT + " WHERE n.user_id = :user AND n.created_at >= :since ORDER BY n.created_at, n.id LIMIT :limit")
                .addParam("user", user).addParam("since", Rows.param(since)).addParam("limit", limit).execute()) {
            return rows.map(Inbox::view).toList();
        }
    }

    /** When one of this person's notifications was made. */
    Optional<Instant> createdAt(UUID user, UUID notification) {
        return db.execute().createGet("SELECT created_at FROM notification WHERE id = :id AND user_id = :user")
                .addParam("id", notification).addParam("user", user).execute().map(r -> Rows.instant(r, "created_at"));
    }

    public void markRead(UUID user, UUID notification) {
        long changed = db.execute().createUpdate("""
                UPDATE notification SET read_at = COALESCE(read_at, :now) WHERE id = :id AND user_id = :user""")
                .addParam("now", Rows.param(clock.instant())).addParam("id", notification).addParam("user", user).execute();
        if (changed == 0) {
            throw new NotFound("no such notification");
        }
    }

    public long markAllRead(UUID user) {
        return db.execute().createUpdate("UPDATE notification SET read_at = :now WHERE user_id = :user AND read_at IS NULL")
                .addParam("now", Rows.param(clock.instant())).addParam("user", user).execute();
    }

    /** Forgets finished deliveries: sent or dropped ones after a week, failed ones after 30 days. */
    public long purgeDeliveries() {
        Instant now = clock.instant();
        return db.execute().createDelete("""
                DELETE FROM push_delivery WHERE (state IN ('SENT', 'DROPPED') AND done_at < :week)
                                             OR (state = 'FAILED' AND done_at < :month)""")
                .addParam("week", Rows.param(now.minus(Duration.ofDays(7)))).addParam("month", Rows.param(now.minus(Duration.ofDays(30))))
                .execute();
    }

    /** Deletes notifications older than {@code keep} (their deliveries go with them). */
    public long purge(Duration keep) {
        return db.execute().createDelete("DELETE FROM notification WHERE created_at < :before")
                .addParam("before", Rows.param(clock.instant().minus(keep))).execute();
    }

    private static final String SELECT = """
            SELECT n.id, n.kind, n.request_id, r.number, n.title, n.body, n.created_at, n.read_at
            FROM notification n LEFT JOIN request r ON r.id = n.request_id""";

    private static NotificationView view(DbRow r) {
        return new NotificationView(Rows.uuid(r, "id"), NotificationKind.valueOf(Rows.string(r, "kind")),
                                    Rows.optionalUuid(r, "request_id").orElse(null), Rows.optionalString(r, "number").orElse(null),
                                    Rows.string(r, "title"), Rows.string(r, "body"), Rows.instant(r, "created_at"),
                                    Rows.optionalInstant(r, "read_at").orElse(null));
    }

    private static UUID decode(String cursor) {
        try {
            return UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor)));
        } catch (IllegalArgumentException e) {
            throw org.opencity.backend.errors.ValidationFailed.of("cursor", "format", "use the next value of the previous page");
        }
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
