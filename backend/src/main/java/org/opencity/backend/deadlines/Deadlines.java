package org.opencity.backend.deadlines;

import org.opencity.model.SlaStage;
import org.opencity.model.request.Priority;

import java.time.Duration;
import java.time.Instant;

/**
 * When a stage is due, computed on the server when the stage starts. Emergencies and the
 * resident's confirmation window run on clock time; everything else on the city's working time.
 * A "due soon" warning comes at 80 % of the stage's time; the organisation's dispatcher is
 * escalated to at the due time, and the city dispatcher half a stage later (at least 30 minutes).
 */
public final class Deadlines {

    /** The deadline of one stage. */
    public record Deadline(SlaStage stage, Instant startedAt, Instant dueAt, Instant warnAt, Instant escalateCityAt) {
    }

    private Deadlines() {
    }

    public static Deadline start(SlaStage stage, Instant now, Priority priority, int minutes, BusinessCalendar calendar) {
        return start(stage, now, priority, Duration.ofMinutes(minutes), calendar);
    }

    /** A stage starting now with this much time (used too when a paused clock resumes with what was left). */
    public static Deadline start(SlaStage stage, Instant now, Priority priority, Duration time, BusinessCalendar calendar) {
        boolean clockTime = clockTime(stage, priority);
        Duration warnAfter = time.multipliedBy(4).dividedBy(5);
        Duration cityAfter = max(time.dividedBy(2), Duration.ofMinutes(30));
        Instant due = plus(now, time, clockTime, calendar);
        return new Deadline(stage, now, due, plus(now, warnAfter, clockTime, calendar),
                            plus(due, cityAfter, clockTime, calendar));
    }

    /** Time left before a deadline, counted the way that stage counts time. */
    public static Duration remaining(SlaStage stage, Priority priority, Instant now, Instant due, BusinessCalendar calendar) {
        if (!due.isAfter(now)) {
            return Duration.ZERO;
        }
        return clockTime(stage, priority) ? Duration.between(now, due) : calendar.workingTimeBetween(now, due);
    }

    static boolean clockTime(SlaStage stage, Priority priority) {
        return priority == Priority.EMERGENCY || stage == SlaStage.CONFIRM;
    }

    private static Instant plus(Instant from, Duration time, boolean clockTime, BusinessCalendar calendar) {
        return clockTime ? from.plus(time) : calendar.plusWorkingTime(from, time);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
