package org.opencity.backend.deadlines;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import org.opencity.backend.db.Rows;
import org.opencity.model.CalendarDayKind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The business calendar of each city, read from the database and kept for a few minutes (it
 * changes a few times a year). An edit through this node calls {@link #invalidate()}, so the next
 * deadline here uses it at once; other nodes keep their copy until it is {@link #REFRESH} old.
 */
public final class Calendars {

    /** How long another node may go on using a calendar after an edit. */
    public static final Duration REFRESH = Duration.ofMinutes(5);
    private final DbClient db;
    private final Clock clock;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
    /** Counts invalidations, so that a load which raced an edit is not cached over it. */
    private final AtomicLong edits = new AtomicLong();

    private record Cached(BusinessCalendar calendar, Instant loadedAt) {
    }

    public Calendars(DbClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public BusinessCalendar of(UUID cityId) {
        Cached cached = cache.get(cityId);
        if (cached == null || cached.loadedAt.plus(REFRESH).isBefore(clock.instant())) {
            long seen = edits.get();
            cached = new Cached(load(cityId), clock.instant());
            if (edits.get() == seen) {
                cache.put(cityId, cached);
            }
        }
        return cached.calendar;
    }

    /** Drops cached calendars after an edit (call it once the edit is committed). */
    public void invalidate() {
        edits.incrementAndGet();
        cache.clear();
    }

    private BusinessCalendar load(UUID cityId) {
        DbRow city = db.execute().createGet("""
                SELECT timezone, calendar, CAST(work_starts_at AS text) AS starts, CAST(work_ends_at AS text) AS ends
                FROM city WHERE id = :id""").addParam("id", cityId).execute()
                .orElseThrow(() -> new IllegalStateException("no city " + cityId));
        Map<LocalDate, CalendarDayKind> days = new HashMap<>();
        try (var rows = db.execute().createQuery("SELECT day, kind FROM calendar_day WHERE calendar = :calendar")
                .addParam("calendar", Rows.string(city, "calendar")).execute()) {
            rows.forEach(r -> days.put(Rows.optionalDate(r, "day").orElseThrow(),
                                       CalendarDayKind.valueOf(Rows.string(r, "kind"))));
        }
        return new BusinessCalendar(ZoneId.of(Rows.string(city, "timezone")), LocalTime.parse(Rows.string(city, "starts")),
                                    LocalTime.parse(Rows.string(city, "ends")), days);
    }
}
