package org.opencity.backend.admin;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.accounts.SecurityEvents;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.model.CalendarDayKind;
import org.opencity.model.FieldError;
import org.opencity.model.admin.CalendarDayView;
import org.opencity.model.admin.CalendarView;
import org.opencity.model.admin.WorkingHoursChange;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A city's working calendar as its city admin keeps it: the working hours, and the dates that
 * differ from an ordinary week. A calendar another city shares becomes the city's own copy at its
 * first edit, so one city's admin never moves another city's deadlines. Each edit drops this
 * node's cached calendars, so the next deadline computed here uses it; other nodes pick it up
 * within {@link Calendars#REFRESH}. Deadlines already running keep their stored due times.
 */
public final class WorkingCalendar {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;

    private final DbClient db;
    private final Transactions tx;
    private final Calendars calendars;
    private final SecurityEvents events;
    private final Clock clock;

    public WorkingCalendar(DbClient db, Transactions tx, Calendars calendars, SecurityEvents events, Clock clock) {
        this.db = db;
        this.tx = tx;
        this.calendars = calendars;
        this.events = events;
        this.clock = clock;
    }

    /** The working hours and the exceptional days of a year (this year in the city when not given). */
    public CalendarView view(Caller caller, Optional<Integer> year) {
        DbRow city = city(caller.cityId());
        ZoneId zone = ZoneId.of(Rows.string(city, "timezone"));
        int shown = year.orElseGet(() -> LocalDate.now(clock.withZone(zone)).getYear());
        if (shown < FIRST_YEAR || shown > LAST_YEAR) {
            throw ValidationFailed.of("year", "range", FIRST_YEAR + " to " + LAST_YEAR);
        }
        List<CalendarDayView> days;
        try (var rows = db.execute().createQuery("""
                        SELECT day, kind FROM calendar_day WHERE calendar = :calendar AND day BETWEEN :from AND :to ORDER BY day""")
                .addParam("calendar", Rows.string(city, "calendar")).addParam("from", LocalDate.of(shown, 1, 1))
                .addParam("to", LocalDate.of(shown, 12, 31)).execute()) {
            days = rows.map(r -> new CalendarDayView(Rows.optionalDate(r, "day").orElseThrow(),
                                                     CalendarDayKind.valueOf(Rows.string(r, "kind")))).toList();
        }
        return new CalendarView(zone.getId(), LocalTime.parse(Rows.string(city, "starts")), LocalTime.parse(Rows.string(city, "ends")),
                                shown, days);
    }

    /** Makes a date a holiday, a transferred working day or a shortened day. */
    public CalendarDayView setDay(Caller caller, LocalDate date, CalendarDayKind kind, String ip) {
        List<FieldError> errors = new ArrayList<>();
        requireYear(date, errors);
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        String weekday = date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        if (kind.weekend() && !weekend) {
            errors.add(new FieldError("kind", "weekday", kind + " is for a Saturday or Sunday; " + date + " is a " + weekday));
        } else if (!kind.weekend() && weekend) {
            errors.add(new FieldError("kind", "weekend", kind + " is for Monday to Friday; " + date + " is a " + weekday));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        tx.run(t -> t.createInsert("""
                        INSERT INTO calendar_day (calendar, day, kind) VALUES (:calendar, :day, :kind)
                        ON CONFLICT (calendar, day) DO UPDATE SET kind = EXCLUDED.kind""")
                .addParam("calendar", ownCalendar(t, caller.cityId())).addParam("day", date).addParam("kind", kind.name())
                .execute());
        changed(caller, ip, Map.of("date", date.toString(), "kind", kind.name()));
        return new CalendarDayView(date, kind);
    }

    /** Makes a date an ordinary day again (a weekday works, a Saturday or Sunday does not). */
    public void clearDay(Caller caller, LocalDate date, String ip) {
        List<FieldError> errors = new ArrayList<>();
        requireYear(date, errors);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        long removed = tx.inTransaction(t -> t.createDelete("DELETE FROM calendar_day WHERE calendar = :calendar AND day = :day")
                .addParam("calendar", ownCalendar(t, caller.cityId())).addParam("day", date).execute());
        if (removed > 0) {
            changed(caller, ip, Map.of("date", date.toString(), "kind", "ordinary"));
        }
    }

    /** Changes the working hours; a day must keep more than an hour, as shortened days end an hour earlier. */
    public CalendarView setHours(Caller caller, WorkingHoursChange change, String ip) {
        if (change == null || (change.workStartsAt() == null && change.workEndsAt() == null)) {
            throw ValidationFailed.of("body", "required", "workStartsAt, workEndsAt or both, such as \"09:00\"");
        }
        DbRow city = city(caller.cityId());
        LocalTime starts = Optional.ofNullable(change.workStartsAt()).orElse(LocalTime.parse(Rows.string(city, "starts")));
        LocalTime ends = Optional.ofNullable(change.workEndsAt()).orElse(LocalTime.parse(Rows.string(city, "ends")));
        List<FieldError> errors = new ArrayList<>();
        if (starts.getSecond() != 0 || starts.getNano() != 0) {
            errors.add(new FieldError("workStartsAt", "format", "hours and minutes, such as \"09:00\""));
        }
        if (ends.getSecond() != 0 || ends.getNano() != 0) {
            errors.add(new FieldError("workEndsAt", "format", "hours and minutes, such as \"18:00\""));
        }
        if (Duration.between(starts, ends).compareTo(Duration.ofHours(1)) <= 0) {
            errors.add(new FieldError("workEndsAt", "too-early", "more than an hour after work starts (" + starts
                    + "): shortened days end an hour earlier"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        db.execute().createUpdate("""
                        UPDATE city SET work_starts_at = CAST(:starts AS time), work_ends_at = CAST(:ends AS time) WHERE id = :city""")
                .addParam("starts", starts.toString()).addParam("ends", ends.toString()).addParam("city", caller.cityId()).execute();
        changed(caller, ip, Map.of("workStartsAt", starts.toString(), "workEndsAt", ends.toString()));
        return view(caller, Optional.empty());
    }

    private void changed(Caller caller, String ip, Map<String, String> detail) {
        calendars.invalidate();
        events.record(SecurityEvents.Kind.CALENDAR_CHANGED, caller.userId(), caller.deviceId(), ip, detail);
    }

    private static void requireYear(LocalDate date, List<FieldError> errors) {
        if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            errors.add(new FieldError("date", "range", "a date from " + FIRST_YEAR + " to " + LAST_YEAR));
        }
    }

    private DbRow city(UUID city) {
        return db.execute().createGet("""
                        SELECT timezone, calendar, CAST(work_starts_at AS text) AS starts, CAST(work_ends_at AS text) AS ends
                        FROM city WHERE id = :id""").addParam("id", city).execute()
                .orElseThrow(() -> new IllegalStateException("no city " + city));
    }

    /**
     * The name of the city's calendar, made the city's own first (a copy named after the city) if
     * another city shares it. The city's row stays locked until the transaction ends, so two edits
     * of one city never copy twice.
     */
    private static String ownCalendar(DbTransaction t, UUID city) {
        DbRow row = t.createGet("SELECT code, calendar FROM city WHERE id = :city FOR UPDATE").addParam("city", city).execute()
                .orElseThrow(() -> new IllegalStateException("no city " + city));
        String name = Rows.string(row, "calendar");
        boolean shared = t.createGet("SELECT 1 FROM city WHERE calendar = :name AND id <> :city LIMIT 1")
                .addParam("name", name).addParam("city", city).execute().isPresent();
        String own = "CITY-" + Rows.string(row, "code");
        if (!shared || own.equals(name)) {
            return name;
        }
        t.createDelete("DELETE FROM calendar_day WHERE calendar = :own").addParam("own", own).execute();
        t.createInsert("INSERT INTO calendar_day (calendar, day, kind) SELECT :own, day, kind FROM calendar_day WHERE calendar = :name")
                .addParam("own", own).addParam("name", name).execute();
        t.createUpdate("UPDATE city SET calendar = :own WHERE id = :city").addParam("own", own).addParam("city", city).execute();
        return own;
    }
}
