package org.opencity.backend.reports;

import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.requests.RequestListener;

import java.util.Set;

/**
 * Keeps the stage facts ({@code request_stage}) and a request's analytic counters in step with
 * every change, inside the changing transaction. It compares the request as just written (its
 * running stage, due time, pause) with the stage fact that is open: a different stage closes the
 * open fact — its duration counted the way its deadline counts time ({@code stage_seconds}, the
 * city's working calendar in SQL), pauses left out — and opens the new one; the same stage only
 * follows its due time, priority and pauses. Reading state rather than interpreting event kinds
 * keeps it right for every path that moves a deadline (actions, the sweeper, re-routing). The
 * time of a change is the request's {@code updated_at}. (The report facts follow both tables by
 * their triggers; see V21.)
 */
public final class StageFacts implements RequestListener {

    /** History entries that end a stage by moving the request on (the rest leave it: reject, cancel, duplicate). */
    static final Set<String> PROGRESS = Set.of("ACCEPT", "STARTED", "COMPLETED", "CONFIRMED", "AUTO_CLOSED", "DISPUTED");

    /**
     * History entries that never touch a stage, its due time or its pause (a comment, a rating, a
     * warning or escalation of the same deadline): nothing to compare, and three statements saved
     * (a technician's offline batch is mostly comments).
     */
    static final Set<String> STAGE_UNCHANGED = Set.of("COMMENT", "INTERNAL_COMMENT", "DUPLICATE_LINKED", "DEADLINE_WARNING",
                                                      "ESCALATED", "ACKNOWLEDGED", "RATED");

    @Override
    public void changed(DbTransaction t, Change change) {
        if (STAGE_UNCHANGED.contains(change.kind())) {
            return;
        }
        // 1. a running fact that no longer matches the request's stage ends now
        t.createUpdate("""
                UPDATE request_stage s
                SET ended_at = r.updated_at, end_kind = :kind, progressed = :progressed, paused_at = NULL,
                    paused_seconds = s.paused_seconds + stage_seconds(r.city_id, s.clock_time, s.paused_at, r.updated_at),
                    duration_seconds = greatest(0, stage_seconds(r.city_id, s.clock_time, s.started_at, r.updated_at)
                                                   - s.paused_seconds
                                                   - stage_seconds(r.city_id, s.clock_time, s.paused_at, r.updated_at)),
                    late = s.due_at IS NOT NULL AND r.updated_at > s.due_at
                FROM request r
                WHERE r.id = :id AND s.request_id = r.id AND s.ended_at IS NULL
                  AND (r.stage IS NULL OR r.stage <> s.stage OR r.stage_started_at <> s.started_at)""")
                .addParam("id", change.requestId()).addParam("kind", change.kind())
                .addParam("progressed", PROGRESS.contains(change.kind())).execute();
        // 2. a stage running on the request without a fact starts one; a running fact follows due time, priority and pauses
        t.createInsert("""
                INSERT INTO request_stage (request_id, stage, started_at, organisation_id, clock_time, due_at, paused_at)
                SELECT r.id, r.stage, r.stage_started_at, r.organisation_id, r.priority = 'EMERGENCY' OR r.stage = 'CONFIRM',
                       r.due_at, r.paused_at
                FROM request r
                WHERE r.id = :id AND r.stage IS NOT NULL AND r.stage_started_at IS NOT NULL
                ON CONFLICT (request_id) WHERE ended_at IS NULL DO UPDATE
                SET due_at = excluded.due_at, clock_time = excluded.clock_time, paused_at = excluded.paused_at,
                    paused_seconds = request_stage.paused_seconds
                        + CASE WHEN excluded.paused_at IS NOT NULL THEN 0
                               ELSE (SELECT stage_seconds(r.city_id, request_stage.clock_time, request_stage.paused_at, r.updated_at)
                                     FROM request r WHERE r.id = request_stage.request_id) END""")
                .addParam("id", change.requestId()).execute();
        // 3. the request's counters: stages past due, disputes, first completion
        t.createUpdate("""
                UPDATE request r
                SET late_stages = (SELECT count(*) FROM request_stage s
                                   WHERE s.request_id = r.id AND s.stage <> 'CONFIRM' AND s.late),
                    reopen_count = r.reopen_count + CASE WHEN :kind = 'DISPUTED' THEN 1 ELSE 0 END,
                    first_done_at = CASE WHEN :kind = 'COMPLETED' THEN coalesce(r.first_done_at, r.updated_at)
                                         ELSE r.first_done_at END
                WHERE r.id = :id""")
                .addParam("id", change.requestId()).addParam("kind", change.kind()).execute();    }
}
