package org.opencity.backend.requests;

import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Watches every running deadline: warns when a stage is due soon, escalates an overdue stage to
 * the organisation's dispatcher and, later, to the city dispatcher, and closes requests whose
 * confirmation window has passed. Each queue is read through its own partial index with
 * {@code FOR UPDATE SKIP LOCKED} and marked done in the same transaction as the history entry it
 * writes, so several backend instances sweeping at once raise each event exactly once.
 */
public final class DeadlineSweeper {

    /** What one sweep did. */
    public record Sweep(int warned, int escalatedToOrganisation, int escalatedToCity, int autoClosed) {
        public int total() {
            return warned + escalatedToOrganisation + escalatedToCity + autoClosed;
        }
    }

    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(DeadlineSweeper.class.getName());

    private final Transactions tx;
    private final RequestActions actions;
    private final Clock clock;
    private final List<RequestListener> listeners;

    public DeadlineSweeper(Transactions tx, RequestActions actions, Clock clock, List<RequestListener> listeners) {
        this.tx = tx;
        this.actions = actions;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /** Works every queue until nothing is due. */
    public Sweep sweepOnce() {
        int warned = drain("""
                SELECT %s FROM request r WHERE NOT r.warned AND r.paused_at IS NULL AND r.stage <> 'CONFIRM' AND r.warn_at <= :now
                ORDER BY r.warn_at LIMIT :batch FOR UPDATE SKIP LOCKED""", (t, row, now) -> {
            t.createUpdate("UPDATE request SET warned = true WHERE id = :id").addParam("id", row.id()).execute();
            event(t, row, "DEADLINE_WARNING", now, Map.of("stage", row.stage().map(Enum::name).orElse(""),
                                                          "dueAt", row.dueAt().map(Instant::toString).orElse("")));
        });
        int organisation = drain("""
                SELECT %s FROM request r WHERE r.escalation_level = 0 AND r.paused_at IS NULL AND r.stage <> 'CONFIRM' AND r.due_at <= :now
                ORDER BY r.due_at LIMIT :batch FOR UPDATE SKIP LOCKED""", (t, row, now) -> {
            t.createUpdate("UPDATE request SET escalation_level = 1, warned = true WHERE id = :id").addParam("id", row.id()).execute();
            event(t, row, "ESCALATED", now, Map.of("level", "ORGANISATION", "stage", row.stage().map(Enum::name).orElse(""),
                                                   "dueAt", row.dueAt().map(Instant::toString).orElse("")));
        });
        int city = drain("""
                SELECT %s FROM request r WHERE r.escalation_level = 1 AND r.paused_at IS NULL AND r.escalate_city_at <= :now
                ORDER BY r.escalate_city_at LIMIT :batch FOR UPDATE SKIP LOCKED""", (t, row, now) -> {
            t.createUpdate("UPDATE request SET escalation_level = 2 WHERE id = :id").addParam("id", row.id()).execute();
            event(t, row, "ESCALATED", now, Map.of("level", "CITY", "stage", row.stage().map(Enum::name).orElse(""),
                                                   "dueAt", row.dueAt().map(Instant::toString).orElse("")));
        });
        int closed = drain("""
                SELECT %s FROM request r WHERE r.stage = 'CONFIRM' AND r.status = 'DONE' AND r.due_at <= :now
                ORDER BY r.due_at LIMIT :batch FOR UPDATE SKIP LOCKED""", (t, row, now) -> actions.autoClose(t, row, now));
        Sweep sweep = new Sweep(warned, organisation, city, closed);
        if (sweep.total() > 0) {
            LOG.info("deadlines: " + warned + " due soon, " + organisation + " escalated to organisations, " + city
                             + " escalated to the city, " + closed + " closed after the confirmation window");
        }
        return sweep;
    }

    private interface Step {
        void apply(DbTransaction t, RequestRow row, Instant now);
    }

    private int drain(String query, Step step) {
        int total = 0;
        while (true) {
            Instant now = clock.instant();
            int done = tx.inTransaction(t -> {
                List<RequestRow> rows;
                try (var stream = t.createQuery(query.formatted(RequestRow.COLUMNS))
                        .addParam("now", Rows.param(now)).addParam("batch", BATCH).execute()) {
                    rows = stream.map(RequestRow::of).toList();
                }
                rows.forEach(row -> step.apply(t, row, now));
                return rows.size();
            });
            total += done;
            if (done < BATCH) {
                return total;
            }
        }
    }

    private void event(DbTransaction t, RequestRow row, String kind, Instant now, Map<String, String> detail) {
        History.append(t, row.id(), now, kind, null, null, History.Actor.SYSTEM, true, detail);
        RequestListener.Change change = new RequestListener.Change(row.id(), row.cityId(), row.number(), kind, null, null, null,
                                                                   "SYSTEM", row.reporterId(), row.organisationId(),
                                                                   row.organisationId(), row.technicianId(),
                                                                   Optional.empty(), true, new LinkedHashMap<>(detail));
        listeners.forEach(l -> l.changed(t, change));
    }
}
