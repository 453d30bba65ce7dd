package org.opencity.backend.feedback;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.db.Rows;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.TooManyRequests;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.Paging;
import org.opencity.model.FieldError;
import org.opencity.model.Ids;
import org.opencity.model.feedback.FeedbackEntry;
import org.opencity.model.feedback.FeedbackForm;
import org.opencity.model.feedback.FeedbackKind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feedback to the city: anyone sends it (at most {@value #PER_HOUR} an hour from one address, per
 * backend node), the city's dispatchers and admins read it, newest first, and mark it read.
 */
public final class Feedback {

    static final int PER_HOUR = 5;

    private final DbClient db;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public Feedback(DbClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores the feedback; answers its id. */
    public UUID send(FeedbackForm form, String address) {
        List<FieldError> errors = new ArrayList<>();
        if (form == null || form.kind() == null) {
            errors.add(new FieldError("kind", "required", "COMMENT, RECOMMENDATION or CRITICISM"));
        }
        String text = form == null || form.text() == null ? "" : form.text().strip();
        if (text.length() < FeedbackForm.MIN_TEXT || text.length() > FeedbackForm.MAX_TEXT) {
            errors.add(new FieldError("text", "length", "between " + FeedbackForm.MIN_TEXT + " and " + FeedbackForm.MAX_TEXT
                                                           + " characters"));
        }
        String contact = form == null || form.contact() == null || form.contact().isBlank() ? null : form.contact().strip();
        if (contact != null && contact.length() > FeedbackForm.MAX_CONTACT) {
            errors.add(new FieldError("contact", "length", "at most " + FeedbackForm.MAX_CONTACT + " characters"));
        }
        UUID city = errors.isEmpty() ? city(form.city()) : null;
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        admit(address);
        UUID id = Ids.newId();
        db.execute().createInsert("""
                INSERT INTO feedback (id, city_id, kind, text, contact, created_at)
                VALUES (:id, :city, :kind, :text, :contact, :at)""")
                .addParam("id", id).addParam("city", city).addParam("kind", form.kind().name()).addParam("text", text)
                .addParam("contact", contact).addParam("at", Rows.param(clock.instant())).execute();
        return id;
    }

    /** The caller's city's feedback, newest first. */
    public FeedbackEntry.Page list(Caller caller, Paging paging) {
        Optional<UUID> after = paging.after().map(a -> {
            try {
                return UUID.fromString(a);
            } catch (IllegalArgumentException e) {
                throw ValidationFailed.of("after", "format", "not a cursor from a previous page");
            }
        });
        List<FeedbackEntry> items;
        try (var rows = db.execute().createQuery("""
                SELECT id, kind, text, contact, created_at, read_at FROM feedback
                WHERE city_id = :city AND (CAST(:after AS uuid) IS NULL OR id < CAST(:after AS uuid))
                ORDER BY id DESC LIMIT :limit""")
                .addParam("city", caller.cityId()).addParam("after", after.map(UUID::toString).orElse(null))
                .addParam("limit", paging.limit() + 1).execute()) {
            items = rows.map(Feedback::entry).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        }
        String next = null;
        if (items.size() > paging.limit()) {
            items.removeLast();
            next = Paging.encode(items.getLast().id().toString());
        }
        long unread = db.execute().createGet("SELECT count(*) AS n FROM feedback WHERE city_id = :city AND read_at IS NULL")
                .addParam("city", caller.cityId()).execute().map(r -> Rows.longValue(r, "n")).orElse(0L);
        return new FeedbackEntry.Page(items, next, unread);
    }

    public void markRead(Caller caller, UUID id) {
        long changed = db.execute().createUpdate("""
                UPDATE feedback SET read_at = COALESCE(read_at, :at), read_by = COALESCE(read_by, :user)
                WHERE id = :id AND city_id = :city""")
                .addParam("at", Rows.param(clock.instant())).addParam("user", caller.userId()).addParam("id", id)
                .addParam("city", caller.cityId()).execute();
        if (changed == 0) {
            throw new NotFound("no such feedback");
        }
    }

    private UUID city(String code) {
        List<DbRow> cities;
        try (var rows = db.execute().createQuery("SELECT id, code FROM city ORDER BY code").execute()) {
            cities = rows.toList();
        }
        if (code == null || code.isBlank()) {
            if (cities.size() == 1) {
                return Rows.uuid(cities.getFirst(), "id");
            }
            throw ValidationFailed.of("city", "required", "this installation serves several cities: give the city's code");
        }
        return cities.stream().filter(c -> Rows.string(c, "code").equalsIgnoreCase(code.strip())).findFirst()
                .map(c -> Rows.uuid(c, "id")).orElseThrow(() -> ValidationFailed.of("city", "unknown", "no city has this code"));
    }

    /** At most {@value #PER_HOUR} an hour from one address. */
    private void admit(String address) {
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(Duration.ofHours(1)))) {
                times.pollFirst();
            }
            if (times.size() >= PER_HOUR) {
                throw new TooManyRequests("enough feedback from here for this hour; thank you",
                                          Duration.between(now, times.peekFirst().plus(Duration.ofHours(1))));
            }
            times.addLast(now);
        }
        if (recent.size() > 100_000) {
            recent.entrySet().removeIf(e -> e.getValue().isEmpty() || e.getValue().peekLast().isBefore(now.minus(Duration.ofHours(1))));
        }
    }

    private static FeedbackEntry entry(DbRow r) {
        return new FeedbackEntry(Rows.uuid(r, "id"), FeedbackKind.valueOf(Rows.string(r, "kind")), Rows.string(r, "text"),
                                 Rows.optionalString(r, "contact").orElse(null), Rows.instant(r, "created_at"),
                                 Rows.optionalInstant(r, "read_at").orElse(null));
    }
}
