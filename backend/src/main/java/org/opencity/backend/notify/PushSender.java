package org.opencity.backend.notify;

import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.model.notify.NotificationKind;
import org.opencity.model.notify.PushProvider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends queued pushes. Each round claims due deliveries with {@code FOR UPDATE SKIP LOCKED} and, in
 * the same short transaction, pushes their next attempt time past a lease — so any number of
 * senders on any number of backend instances share the queue without sending a row twice — then
 * sends outside any transaction and records each outcome. A transient failure waits with
 * exponential backoff and jitter (never less than the provider asked); a dead token is deleted; a
 * delivery still failing when its notification is no longer worth sending is marked FAILED, where
 * admins see it. A sender that dies mid-send leaves its rows to be retried when the lease ends.
 */
public final class PushSender implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PushSender.class.getName());
    /** Longer than any send can take (the SDK's own retries included). */
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(30);
    static final int BATCH = 100;

    private final Transactions tx;
    private final PushGateway gateway;
    private final Clock clock;
    private final Random random;
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean running;
    private Thread worker;

    public PushSender(Transactions tx, PushGateway gateway, Clock clock, Random random) {
        this.tx = tx;
        this.gateway = gateway;
        this.clock = clock;
        this.random = random;
    }

    /** Runs rounds on a virtual thread until closed, resting {@code idle} whenever nothing was due. */
    public synchronized PushSender start(Duration idle) {
        running = true;
        worker = Thread.ofVirtual().name("opencity-push-sender").start(() -> {
            while (running) {
                int handled = 0;
                try {
                    handled = sendDue();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "push round failed (next round soon): " + e.getMessage());
                }
                if (handled == 0 && running) {
                    try {
                        Thread.sleep(idle);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        return this;
    }

    /** Pushes accepted by providers since start. */
    public long sent() {
        return sent.get();
    }

    /** One round: claims up to {@link #BATCH} due deliveries, sends them, records what became of them. */
    public int sendDue() {
        List<Claimed> claimed = tx.inTransaction(this::claim);
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Claimed> sendable = claimed.stream().filter(c -> c.message().isPresent()).toList();
        List<PushOutcome> outcomes = sendable.isEmpty() ? List.of() : send(sendable);
        tx.run(t -> {
            Instant now = clock.instant();
            for (Claimed c : claimed) {
                if (c.message().isEmpty()) {
                    finish(t, c, "DROPPED", c.dropReason(), null, now);
                }
            }
            for (int i = 0; i < sendable.size(); i++) {
                record(t, sendable.get(i), outcomes.get(i), now);
            }
        });
        return claimed.size();
    }

    private List<PushOutcome> send(List<Claimed> sendable) {
        List<PushMessage> messages = sendable.stream().map(c -> c.message().orElseThrow()).toList();
        try {
            List<PushOutcome> outcomes = gateway.send(messages);
            if (outcomes.size() != messages.size()) {
                throw new IllegalStateException("the gateway answered " + outcomes.size() + " outcomes for " + messages.size() + " pushes");
            }
            return outcomes;
        } catch (RuntimeException e) {
            // a gateway bug or an unexpected failure: nothing is lost, every push is tried again later
            LOG.log(Level.WARNING, "push gateway failed: " + e, e);
            List<PushOutcome> retry = new ArrayList<>();
            messages.forEach(m -> retry.add(new PushOutcome.Retry("gateway error: " + e.getClass().getSimpleName(), Optional.empty())));
            return retry;
        }
    }

    /** A claimed delivery: what to send, or why there is nothing to send any more. */
    private record Claimed(long id, int attempts, Instant giveUpAt, Optional<PushMessage> message, String dropReason,
                           Optional<String> lastError) {
    }

    private List<Claimed> claim(DbTransaction t) {
        Instant now = clock.instant();
        List<DbRow> rows;
        try (var stream = t.createQuery("""
                WITH due AS (
                    SELECT id FROM push_delivery WHERE state = 'PENDING' AND next_at <= :now
                    ORDER BY next_at LIMIT :batch FOR UPDATE SKIP LOCKED)
                UPDATE push_delivery d SET next_at = :lease, attempts = d.attempts + 1 FROM due WHERE d.id = due.id
                RETURNING d.id, d.notification_id, d.device_id, d.provider, d.attempts, d.give_up_at, d.last_error""")
                .addParam("now", Rows.param(now)).addParam("batch", BATCH).addParam("lease", Rows.param(now.plus(LEASE))).execute()) {
            rows = stream.toList();
        }
        List<Claimed> claimed = new ArrayList<>();
        for (DbRow row : rows) {
            long id = Rows.longValue(row, "id");
            int attempts = Rows.intValue(row, "attempts");
            Instant giveUp = Rows.instant(row, "give_up_at");
            Optional<String> lastError = Rows.optionalString(row, "last_error");
            if (!giveUp.isAfter(now)) {
                finish(t, new Claimed(id, attempts, giveUp, Optional.empty(), "", lastError), "FAILED",
                       "not delivered in time" + lastError.map(e -> ": " + e).orElse(""), null, now);
                continue;
            }
            Optional<DbRow> target = t.createGet("""
                    SELECT p.token, n.kind, n.request_id, n.title, n.body, n.id AS notification_id
                    FROM notification n JOIN push_token p ON p.device_id = :device AND p.user_id = n.user_id AND p.provider = :provider
                    JOIN device d ON d.id = p.device_id AND d.revoked_at IS NULL
                    WHERE n.id = :notification""")
                    .addParam("device", Rows.uuid(row, "device_id")).addParam("provider", Rows.string(row, "provider"))
                    .addParam("notification", Rows.uuid(row, "notification_id")).execute();
            if (target.isEmpty()) {
                claimed.add(new Claimed(id, attempts, giveUp, Optional.empty(), "the device no longer has a push token", lastError));
                continue;
            }
            DbRow n = target.get();
            NotificationKind kind = NotificationKind.valueOf(Rows.string(n, "kind"));
            DeliveryPolicy policy = DeliveryPolicy.of(kind);
            Duration ttl = Duration.between(now, giveUp);   // what is left of the notification's useful life
            claimed.add(new Claimed(id, attempts, giveUp, Optional.of(new PushMessage(
                    id, PushProvider.valueOf(Rows.string(row, "provider")), Rows.string(n, "token"), Rows.uuid(n, "notification_id"), kind,
                    Rows.optionalUuid(n, "request_id"), Rows.string(n, "title"), Rows.string(n, "body"), ttl, policy.highPriority(),
                    policy.collapseKey())), "", lastError));
        }
        return claimed;
    }

    private void record(DbTransaction t, Claimed c, PushOutcome outcome, Instant now) {
        switch (outcome) {
            case PushOutcome.Sent s -> {
                finish(t, c, "SENT", null, s.providerId(), now);
                sent.incrementAndGet();
            }
            case PushOutcome.TokenDead dead -> {
                finish(t, c, "DROPPED", "token dead: " + dead.reason(), null, now);
                t.createDelete("DELETE FROM push_token WHERE token = :token")
                        .addParam("token", c.message().orElseThrow().token()).execute();
            }
            case PushOutcome.Failed failed -> finish(t, c, "FAILED", failed.reason(), null, now);
            case PushOutcome.Retry retry -> {
                Instant next = now.plus(backoff(c.attempts(), retry.notBefore()));
                if (!next.isBefore(c.giveUpAt())) {
                    finish(t, c, "FAILED", "not delivered in time after " + c.attempts() + " attempts: " + retry.reason(), null, now);
                } else {
                    t.createUpdate("""
                            UPDATE push_delivery SET next_at = :next, last_error = :error
                            WHERE id = :id AND attempts = :attempts AND state = 'PENDING'""")
                            .addParam("next", Rows.param(next)).addParam("error", Inbox.clip(retry.reason(), 500))
                            .addParam("id", c.id()).addParam("attempts", c.attempts()).execute();
                }
            }
        }
    }

    /** Exponential from {@link #FIRST_RETRY}, capped, with ±50 % jitter, never earlier than the provider asked. */
    Duration backoff(int attempts, Optional<Duration> notBefore) {
        long base = FIRST_RETRY.toMillis() << Math.min(Math.max(attempts - 1, 0), 12);
        long capped = Math.min(base, LONGEST_WAIT.toMillis());
        long jittered = (long) (capped * (0.5 + random.nextDouble()));
        return Duration.ofMillis(Math.max(jittered, notBefore.map(Duration::toMillis).orElse(0L)));
    }

    private static void finish(DbTransaction t, Claimed c, String state, String error, String providerId, Instant now) {
        t.createUpdate("""
                UPDATE push_delivery SET state = :state, last_error = :error, provider_id = :provider, done_at = :now
                WHERE id = :id AND attempts = :attempts AND state = 'PENDING'""")
                .addParam("state", state).addParam("error", error == null ? null : Inbox.clip(error, 500))
                .addParam("provider", providerId).addParam("now", Rows.param(now)).addParam("id", c.id())
                .addParam("attempts", c.attempts()).execute();
    }

    @Override
    public synchronized void close() {
        running = false;
        if (worker != null) {
            try {
                worker.join(10_000);   // let a round in flight record its outcomes
                if (worker.isAlive()) {
                    worker.interrupt();
                    worker.join(2_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
