package org.opencity.backend.sync;

import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.errors.Conflict;
import org.opencity.backend.errors.DomainException;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.requests.Intake;
import org.opencity.backend.requests.RequestActions;
import org.opencity.backend.notify.Inbox;
import org.opencity.backend.requests.RequestQueries;
import org.opencity.backend.web.Json;
import org.opencity.model.Platform;
import org.opencity.model.Role;
import org.opencity.model.request.ActionRequest;
import org.opencity.model.request.Channel;
import org.opencity.model.request.RequestDetail;
import org.opencity.model.request.Status;
import org.opencity.model.sync.OpResult;
import org.opencity.model.sync.PullPage;
import org.opencity.model.sync.PushBatch;
import org.opencity.model.sync.PushResult;
import org.opencity.model.sync.SyncOp;
import org.opencity.model.sync.Tombstone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The server side of offline sync (design §5).
 *
 * <p><b>Push</b>: ops are applied one by one in sequence order, the whole batch in one transaction
 * (one commit instead of one per op) that also records each op's result and the device's last
 * applied sequence — so an op is applied exactly once whatever is retried, a replay is answered
 * from the stored result, and a gap stops the batch. An op the state machine refuses is recorded
 * as rejected or conflicting (inside a savepoint, its partial effects undone) and never blocks the
 * ops behind it; a failure of the database fails the whole batch, which the device sends again. Every op is judged
 * against current server state with the caller as they are now.
 *
 * <p><b>Pull</b>: reads the caller's change feed up to a watermark below which every transaction
 * has finished ({@code pg_snapshot_xmin}), so a change committed late by a concurrent transaction
 * is picked up by a later pull instead of being skipped. An unknown or old cursor gets a full
 * snapshot of the caller's scope.
 */
public final class SyncService {

    /** Cursors older than this (and their feed rows) are not kept: such a device gets a snapshot. */
    public static final Duration RETENTION = Duration.ofDays(30);
    public static final int MAX_PAGE = 100;
    /** Unread notifications a pull carries at most. */
    static final int NOTIFICATIONS = 50;

    private final io.helidon.dbclient.DbClient db;
    private final Transactions tx;
    private final Intake intake;
    private final RequestActions actions;
    private final RequestQueries queries;
    private final Inbox inbox;
    private final Clock clock;

    public SyncService(io.helidon.dbclient.DbClient db, Transactions tx, Intake intake, RequestActions actions,
                       RequestQueries queries, Inbox inbox, Clock clock) {
        this.db = db;
        this.tx = tx;
        this.intake = intake;
        this.actions = actions;
        this.queries = queries;
        this.inbox = inbox;
        this.clock = clock;
    }

    public PushResult push(Caller caller, Platform platform, PushBatch batch) {
        // how far the device's clock is from ours (the network delay is far below the threshold that matters)
        Optional<Duration> skew = Optional.ofNullable(batch.sentAt()).map(sent -> Duration.between(clock.instant(), sent));
        // one transaction for the batch, a savepoint per op: one commit (one disk flush) instead of 200, and
        // the device's sequence locked, read and written once
        return tx.inTransaction(t -> {
            Instant now = clock.instant();
            t.createInsert("INSERT INTO device_sync (device_id, last_seq, updated_at) VALUES (:d, 0, :now) ON CONFLICT DO NOTHING")
                    .addParam("d", caller.deviceId()).addParam("now", Rows.param(now)).execute();
            long before = t.createGet("SELECT last_seq FROM device_sync WHERE device_id = :d FOR UPDATE")
                    .addParam("d", caller.deviceId()).execute().map(r -> Rows.longValue(r, "last_seq")).orElseThrow();
            List<OpResult> results = new ArrayList<>();
            long last = before;
            Long gap = null;
            for (SyncOp op : batch.ops()) {
                if (op.seq() <= last) {
                    results.add(replay(t, caller, op));
                } else if (op.seq() > last + 1) {
                    gap = last;   // the ops before it have not arrived
                    break;
                } else {
                    results.add(apply(t, caller, platform, op, skew, now));
                    last = op.seq();
                }
            }
            if (last != before) {
                t.createUpdate("UPDATE device_sync SET last_seq = :seq, updated_at = :now WHERE device_id = :d")
                        .addParam("seq", last).addParam("now", Rows.param(now)).addParam("d", caller.deviceId()).execute();
            }
            return new PushResult(results, last, gap);
        });
    }

    /** Applies the next op of the device's sequence and records its result. */
    private OpResult apply(DbTransaction t, Caller caller, Platform platform, SyncOp op, Optional<Duration> skew, Instant now) {
        t.createDmlStatement("SAVEPOINT sync_op").execute();
        OpResult result;
        try {
            result = effect(t, caller, platform, op, skew);
            t.createDmlStatement("RELEASE SAVEPOINT sync_op").execute();
        } catch (DomainException e) {
            t.createDmlStatement("ROLLBACK TO SAVEPOINT sync_op").execute();
            result = refusal(t, caller, op, e);
        } catch (RuntimeException e) {
            if (transientFailure(e)) {
                throw e;   // the whole push fails (503) and is retried; nothing was recorded
            }
            t.createDmlStatement("ROLLBACK TO SAVEPOINT sync_op").execute();
            result = new OpResult(op.opId(), op.seq(), OpResult.Outcome.REJECTED, "the server could not apply this: "
                    + e.getClass().getSimpleName(), requestOf(op), null, null, null);
        }
        t.createInsert("""
                INSERT INTO sync_op (device_id, seq, op_id, outcome, result, applied_at)
                VALUES (:d, :seq, :op, :outcome, CAST(:result AS jsonb), :now)""")
                .addParam("d", caller.deviceId()).addParam("seq", op.seq()).addParam("op", op.opId())
                .addParam("outcome", result.outcome().name())
                .addParam("result", new String(Json.bytes(result), StandardCharsets.UTF_8)).addParam("now", Rows.param(now))
                .execute();
        return result;
    }

    private OpResult effect(DbTransaction t, Caller caller, Platform platform, SyncOp op, Optional<Duration> skew) {
        return switch (op.type()) {
            case CREATE_REQUEST -> {
                boolean operator = caller.has(Role.CALL_CENTRE_OPERATOR);
                Intake.Created created = intake.create(t, new Intake.Filer(
                        operator ? Channel.CALL_CENTRE : platform == Platform.WEB ? Channel.WEB : Channel.MOBILE, caller.cityId(),
                        Optional.of(caller.userId()), operator, Optional.empty(),
                        operator ? Role.CALL_CENTRE_OPERATOR.name() : Role.RESIDENT.name()), op.request());
                yield applied(t, op, created.id());
            }
            case ACTION -> {
                try {
                    actions.perform(t, caller, op.requestId(), op.action(), skew);
                } catch (NotFound | Conflict | org.opencity.backend.errors.Forbidden e) {
                    if (actions.keepOrphanedWork(t, caller, op.requestId(), op.action())) {
                        yield conflict(t, op, "the job was reassigned while you worked offline; your work is kept "
                                + "and the dispatcher decides");
                    }
                    throw e;
                }
                yield applied(t, op, op.requestId());
            }
        };
    }

    private OpResult refusal(DbTransaction t, Caller caller, SyncOp op, DomainException e) {
        if (e instanceof Conflict) {
            return conflict(t, op, e.getMessage());
        }
        return new OpResult(op.opId(), op.seq(), OpResult.Outcome.REJECTED, e.getMessage(), requestOf(op), null, null, null);
    }

    private static OpResult applied(DbTransaction t, SyncOp op, UUID request) {
        DbRow row = t.createGet("SELECT number, status, version FROM request WHERE id = :id").addParam("id", request).execute()
                .orElseThrow();
        return new OpResult(op.opId(), op.seq(), OpResult.Outcome.APPLIED, null, request, Rows.string(row, "number"),
                            Status.valueOf(Rows.string(row, "status")), Rows.intValue(row, "version"));
    }

    private static OpResult conflict(DbTransaction t, SyncOp op, String reason) {
        UUID request = requestOf(op);
        Optional<DbRow> row = request == null ? Optional.empty()
                : t.createGet("SELECT number, status, version FROM request WHERE id = :id").addParam("id", request).execute();
        return new OpResult(op.opId(), op.seq(), OpResult.Outcome.CONFLICT, reason, request,
                            row.map(r -> Rows.string(r, "number")).orElse(null),
                            row.map(r -> Status.valueOf(Rows.string(r, "status"))).orElse(null),
                            row.map(r -> Rows.intValue(r, "version")).orElse(null));
    }

    private OpResult replay(DbTransaction t, Caller caller, SyncOp op) {
        Optional<DbRow> stored = t.createGet("SELECT op_id, CAST(result AS text) AS result FROM sync_op WHERE device_id = :d AND seq = :seq")
                .addParam("d", caller.deviceId()).addParam("seq", op.seq()).execute();
        if (stored.isEmpty() || !Rows.uuid(stored.get(), "op_id").equals(op.opId())) {
            return new OpResult(op.opId(), op.seq(), OpResult.Outcome.REJECTED,
                                "sequence number " + op.seq() + " was used for another op", requestOf(op), null, null, null);
        }
        try {
            return Json.mapper().readValue(Rows.string(stored.get(), "result"), OpResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UUID requestOf(SyncOp op) {
        return op.type() == SyncOp.Type.CREATE_REQUEST ? op.request().id() : op.requestId();
    }

    private static boolean transientFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLTransientException) {
                return true;
            }
            if (c instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P") || sql.getSQLState().equals("40001")
                    || sql.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- pull

    /** A page of changes since the cursor (or a snapshot page when the cursor is unknown, old or a snapshot's). */
    public PullPage pull(Caller caller, String cursorText, int limit, String locale) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        Cursor cursor = Cursor.parse(cursorText, clock.instant());
        if (cursor.snapshot) {
            return snapshot(caller, cursor, size, locale);
        }
        String watermark = watermark();
        List<DbRow> rows;
        try (var stream = db.execute().createQuery("""
                SELECT request_id, CAST(xid AS text) AS xid_text, id FROM sync_change
                WHERE user_id = :me AND (xid, id) > (CAST(:xid AS xid8), :id) AND xid < CAST(:watermark AS xid8)
                ORDER BY sync_change.xid, id LIMIT :limit""")
                .addParam("me", caller.userId()).addParam("xid", cursor.xid).addParam("id", cursor.id)
                .addParam("watermark", watermark).addParam("limit", size * 4).execute()) {
            rows = stream.toList();
        }
        Set<UUID> changed = new LinkedHashSet<>();
        String lastXid = cursor.xid;
        long lastId = cursor.id;
        boolean stoppedEarly = false;
        for (DbRow row : rows) {
            UUID request = Rows.uuid(row, "request_id");
            if (!changed.contains(request) && changed.size() == size) {
                stoppedEarly = true;
                break;
            }
            changed.add(request);
            lastXid = Rows.string(row, "xid_text");
            lastId = Rows.longValue(row, "id");
        }
        boolean more = stoppedEarly || rows.size() == size * 4;
        List<RequestDetail> items = new ArrayList<>();
        List<Tombstone> tombstones = new ArrayList<>();
        states(caller, List.copyOf(changed), locale, items, tombstones);
        return new PullPage(items, tombstones, more ? List.of() : inbox.unreadNewest(caller.userId(), NOTIFICATIONS),
                            new Cursor(false, lastXid, lastId, null, clock.instant()).encode(), more, false);
    }

    private PullPage snapshot(Caller caller, Cursor cursor, int size, String locale) {
        String watermark = cursor.xid != null ? cursor.xid : watermark();
        List<UUID> ids;
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("after", cursor.afterRequest == null ? new UUID(0, 0) : cursor.afterRequest);
        params.put("limit", size + 1);
        params.put("me", caller.userId());
        params.put("since", Rows.param(clock.instant().minus(Duration.ofDays(365))));
        String scope = caller.has(Role.RESIDENT) && !caller.has(Role.TECHNICIAN)
                ? "r.reporter_id = :me AND r.created_at > :since"
                : "(r.technician_id = :me AND r.status IN ('ASSIGNED', 'IN_PROGRESS', 'DONE')) OR r.reporter_id = :me";
        try (var rows = db.execute().createQuery("SELECT r.id FROM request r WHERE (" + scope + ") AND r.id > :after"
                                                         + " ORDER BY r.id LIMIT :limit").params(params).execute()) {
            ids = rows.map(r -> Rows.uuid(r, "id")).toList();
        }
        boolean more = ids.size() > size;
        List<UUID> page = more ? ids.subList(0, size) : ids;
        List<RequestDetail> items = new ArrayList<>();
        List<Tombstone> tombstones = new ArrayList<>();
        states(caller, page, locale, items, tombstones);
        String next = more ? new Cursor(true, watermark, 0, page.getLast(), clock.instant()).encode()
                // done: continue incrementally from the watermark taken when the snapshot began
                : new Cursor(false, watermark, 0, null, clock.instant()).encode();
        return new PullPage(items, tombstones, more ? List.of() : inbox.unreadNewest(caller.userId(), NOTIFICATIONS), next, more, true);
    }

    /** The requests' current state for the device (read together), or a tombstone for each it may no longer see. */
    private void states(Caller caller, List<UUID> requests, String locale, List<RequestDetail> items, List<Tombstone> tombstones) {
        Map<UUID, RequestDetail> found = queries.details(caller, requests, locale);
        for (UUID request : requests) {
            RequestDetail detail = found.get(request);
            if (detail != null) {
                items.add(detail);
            } else {
                tombstones.add(new Tombstone(request, reasonGone(request)));
            }
        }
    }

    private String reasonGone(UUID request) {
        return db.execute().createGet("SELECT status FROM request WHERE id = :id").addParam("id", request).execute()
                .map(r -> Status.valueOf(Rows.string(r, "status")) == Status.DUPLICATE ? "merged into another request" : "no longer yours")
                .orElse("gone");
    }

    /** The oldest transaction still running: everything below it has finished. */
    private String watermark() {
        return db.execute().createGet("SELECT CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS w").execute()
                .map(r -> Rows.string(r, "w")).orElseThrow();
    }

    /** Deletes feed rows no cursor may still need. */
    public long purge() {
        return db.execute().createDelete("DELETE FROM sync_change WHERE at < :before")
                .addParam("before", Rows.param(clock.instant().minus(RETENTION))).execute();
    }

    /** The position in a user's feed: (transaction id, row id), or a snapshot in progress. */
    record Cursor(boolean snapshot, String xid, long id, UUID afterRequest, Instant issuedAt) {

        static Cursor parse(String text, Instant now) {
            Cursor fresh = new Cursor(true, null, 0, null, now);
            if (text == null || text.isBlank()) {
                return fresh;
            }
            try {
                String[] p = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
                if (p.length != 6 || !p[0].equals("c1")) {
                    return fresh;
                }
                Instant issued = Instant.ofEpochSecond(Long.parseLong(p[5]));
                if (issued.isBefore(now.minus(RETENTION))) {
                    return fresh;   // too old: the feed rows it points to may be gone
                }
                String xid = p[2].isEmpty() ? null : String.valueOf(Long.parseUnsignedLong(p[2]));
                return new Cursor(p[1].equals("s"), xid, Long.parseLong(p[3]), p[4].isEmpty() ? null : UUID.fromString(p[4]), issued);
            } catch (RuntimeException e) {
                return fresh;
            }
        }

        String encode() {
            String text = String.join(":", "c1", snapshot ? "s" : "i", xid == null ? "" : xid, Long.toString(id),
                                      afterRequest == null ? "" : afterRequest.toString(), Long.toString(issuedAt.getEpochSecond()));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
