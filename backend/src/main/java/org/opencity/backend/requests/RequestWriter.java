package org.opencity.backend.requests;

import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.db.Rows;
import org.opencity.backend.deadlines.Deadlines;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds the one UPDATE that an action makes to a request row: the columns it changes, plus the
 * version and update time every change bumps. Column names come only from this class's callers'
 * constants, never from input.
 */
final class RequestWriter {

    private static final Set<String> COLUMNS = Set.of(
            "status", "priority", "organisation_id", "technician_id", "duplicate_of", "stage", "stage_started_at", "due_at",
            "warn_at", "escalate_city_at", "warned", "escalation_level", "paused_at", "pause_reason", "paused_remaining_sec",
            "rating", "rating_comment", "rated_at", "closed_at", "attention");

    private final Map<String, Object> sets = new LinkedHashMap<>();

    RequestWriter set(String column, Object value) {
        if (!COLUMNS.contains(column)) {
            throw new IllegalArgumentException("not an updatable column: " + column);
        }
        sets.put(column, value instanceof Instant i ? Rows.param(i) : value instanceof Enum<?> e ? e.name() : value);
        return this;
    }

    /** The deadline of a stage that starts now (or resumes): due, warning and escalation times, counters reset. */
    RequestWriter deadline(Deadlines.Deadline d, boolean fresh) {
        set("stage", d.stage());
        set("due_at", d.dueAt());
        set("warn_at", d.warnAt());
        set("escalate_city_at", d.escalateCityAt());
        if (fresh) {
            set("stage_started_at", d.startedAt());
            set("warned", false);
            set("escalation_level", 0);
        }
        return this;
    }

    /** No deadline runs (triage, final states). */
    RequestWriter noDeadline() {
        for (String c : new String[] {"stage", "stage_started_at", "due_at", "warn_at", "escalate_city_at", "paused_at",
                "pause_reason", "paused_remaining_sec"}) {
            set(c, null);
        }
        set("warned", false);
        set("escalation_level", 0);
        return this;
    }

    void write(DbTransaction t, UUID id, Instant now) {
        Map<String, Object> params = new LinkedHashMap<>();
        String assignments = sets.keySet().stream().map(c -> c + " = " + cast(c, ":" + c)).collect(Collectors.joining(", "));
        params.putAll(sets);
        params.put("id", id);
        params.put("now", Rows.param(now));
        t.createUpdate("UPDATE request SET " + assignments + (assignments.isEmpty() ? "" : ", ")
                               + "version = version + 1, updated_at = :now WHERE id = :id").params(params).execute();
    }

    /** Untyped parameters need a type where the value may be null. */
    private static String cast(String column, String param) {
        return switch (column) {
            case "organisation_id", "technician_id", "duplicate_of" -> "CAST(" + param + " AS uuid)";
            case "stage_started_at", "due_at", "warn_at", "escalate_city_at", "paused_at", "rated_at", "closed_at" ->
                    "CAST(" + param + " AS timestamptz)";
            case "paused_remaining_sec" -> "CAST(" + param + " AS bigint)";
            case "rating", "escalation_level" -> "CAST(" + param + " AS smallint)";
            case "warned" -> "CAST(" + param + " AS boolean)";
            default -> "CAST(" + param + " AS text)";
        };
    }
}
