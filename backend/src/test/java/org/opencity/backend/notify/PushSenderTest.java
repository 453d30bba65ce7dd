package org.opencity.backend.notify;

import org.junit.jupiter.api.Test;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.testing.MutableClock;
import org.opencity.backend.testing.TestDatabase;
import org.opencity.backend.testing.WithDatabase;
import org.opencity.model.notify.PushProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The push sender on a real database: shared by several workers, riding out outages, acting on every answer. */
@WithDatabase(demo = true)
class PushSenderTest {

    private final TestDatabase db;
    private final Transactions tx;

    PushSenderTest(TestDatabase db) {
        this.db = db;
        this.tx = new Transactions(db.client());
    }

    /** A provider stand-in that counts what it was handed, per delivery, and answers from a script. */
    static class Counting implements PushGateway {
        final Map<Long, AtomicInteger> seen = new ConcurrentHashMap<>();
        volatile Function<PushMessage, PushOutcome> script = m -> new PushOutcome.Sent("ok-" + m.deliveryId());

        @Override
        public Set<PushProvider> providers() {
            return Set.of(PushProvider.FCM);
        }

        @Override
        public List<PushOutcome> send(List<PushMessage> messages) {
            List<PushOutcome> outcomes = new ArrayList<>();
            for (PushMessage m : messages) {
                seen.computeIfAbsent(m.deliveryId(), id -> new AtomicInteger()).incrementAndGet();
                outcomes.add(script.apply(m));
            }
            return outcomes;
        }
    }

    @Test
    void twoSendersShareTenThousandPushesAndEachIsHandedToTheProviderExactlyOnce() throws Exception {
        String prefix = "pair";
        queue(prefix, 100, 100, Instant.now(), "JOB_ASSIGNED");
        assertThat(pending(prefix)).isEqualTo(10_000);
        Counting provider = new Counting();
        PushSender one = new PushSender(tx, provider, java.time.Clock.systemUTC(), new Random(1));
        PushSender two = new PushSender(tx, provider, java.time.Clock.systemUTC(), new Random(2));
        one.start(Duration.ofMillis(20));
        two.start(Duration.ofMillis(20));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (pending(prefix) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        one.close();
        two.close();
        assertThat(provider.seen).hasSize(10_000);
        assertThat(provider.seen.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(db.count(deliveries(prefix) + " AND d.state = 'SENT'")).isEqualTo(10_000);
        assertThat(one.sent() + two.sent()).isEqualTo(10_000);
        assertThat(one.sent()).as("both senders took part").isPositive();
        assertThat(two.sent()).as("both senders took part").isPositive();
    }

    @Test
    void anOutageOfSeveralMinutesDelaysPushesButLosesNone() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));
        String prefix = "outage";
        queue(prefix, 5, 10, clock.instant(), "JOB_ASSIGNED");
        Counting provider = new Counting();
        provider.script = m -> new PushOutcome.Retry("UNAVAILABLE: FCM is down", Optional.empty());
        PushSender sender = new PushSender(tx, provider, clock, new Random(3));
        for (int minute = 0; minute < 8; minute++) {   // eight minutes of outage, a round every 15 s
            for (int i = 0; i < 4; i++) {
                sender.sendDue();
                clock.advance(Duration.ofSeconds(15));
            }
        }
        assertThat(db.count(deliveries(prefix) + " AND d.state = 'PENDING'")).as("nothing given up, nothing lost").isEqualTo(50);
        assertThat(db.count(deliveries(prefix) + " AND d.attempts >= 3")).as("each was tried again and again").isEqualTo(50);
        assertThat(db.count(deliveries(prefix) + " AND d.last_error LIKE 'UNAVAILABLE%'")).isEqualTo(50);
        assertThat(provider.seen.values().stream().mapToInt(AtomicInteger::get).max().orElseThrow())
                .as("backoff: far fewer attempts than rounds").isLessThan(16);

        provider.script = m -> new PushOutcome.Sent("ok-" + m.deliveryId());
        Map<Long, Integer> before = new ConcurrentHashMap<>();
        provider.seen.forEach((id, n) -> before.put(id, n.get()));
        for (int i = 0; i < 40 && db.count(deliveries(prefix) + " AND d.state = 'PENDING'") > 0; i++) {
            clock.advance(Duration.ofMinutes(1));
            sender.sendDue();
        }
        assertThat(db.count(deliveries(prefix) + " AND d.state = 'SENT'")).as("all delivered once FCM is back").isEqualTo(50);
        assertThat(provider.seen).allSatisfy((id, n) -> assertThat(n.get() - before.get(id)).as("sent once after the outage").isEqualTo(1));
    }

    @Test
    void aDeadTokenIsDeletedAndItsOtherPushesDroppedAndRetryAfterIsHonoured() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));
        String prefix = "answers";
        queue(prefix, 2, 3, clock.instant(), "ORGANISATION_COMMENT");
        Counting provider = new Counting();
        provider.script = m -> switch (m.token().substring(m.token().length() - 1)) {
            case "0" -> new PushOutcome.TokenDead("UNREGISTERED");
            case "1" -> new PushOutcome.Retry("QUOTA_EXCEEDED", Optional.of(Duration.ofMinutes(5)));
            default -> new PushOutcome.Sent("ok");
        };
        PushSender sender = new PushSender(tx, provider, clock, new Random(4));
        sender.sendDue();
        assertThat(db.count("SELECT count(*) FROM push_token WHERE token = '" + token(prefix, 0) + "'")).as("the dead token is gone").isZero();
        assertThat(db.count(deliveries(prefix) + " AND p_dev = 0 AND d.state = 'DROPPED'")).isEqualTo(2);
        assertThat(db.count(deliveries(prefix) + " AND p_dev = 1 AND d.state = 'PENDING' AND d.next_at >= TIMESTAMPTZ '"
                                    + clock.instant().plus(Duration.ofMinutes(5)) + "'")).as("not before the provider said").isEqualTo(2);
        assertThat(db.count(deliveries(prefix) + " AND p_dev = 2 AND d.state = 'SENT'")).isEqualTo(2);

        clock.advance(Duration.ofMinutes(4));
        provider.seen.clear();
        sender.sendDue();
        assertThat(provider.seen).as("nothing is due before five minutes").isEmpty();
        clock.advance(Duration.ofMinutes(2));
        provider.script = m -> new PushOutcome.Sent("ok");
        sender.sendDue();
        assertThat(db.count(deliveries(prefix) + " AND p_dev = 1 AND d.state = 'SENT'")).isEqualTo(2);
    }

    @Test
    void aPushNoLongerWorthSendingIsMarkedFailedWithTheLastReason() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));
        String prefix = "expiry";
        queue(prefix, 1, 1, clock.instant(), "DEADLINE_NEAR");
        Counting provider = new Counting();
        provider.script = m -> new PushOutcome.Retry("INTERNAL: FCM error", Optional.empty());
        PushSender sender = new PushSender(tx, provider, clock, new Random(5));
        for (int i = 0; i < 30; i++) {
            sender.sendDue();
            clock.advance(Duration.ofMinutes(10));
        }
        assertThat(db.count(deliveries(prefix) + " AND d.state = 'FAILED' AND d.last_error LIKE 'not delivered in time%INTERNAL%'"))
                .as("a deadline warning two hours old is not worth sending").isEqualTo(1);
    }

    @Test
    void aSenderThatDiesBetweenClaimAndAnswerLeavesItsPushesToAnother() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));
        String prefix = "crash";
        queue(prefix, 1, 3, clock.instant(), "JOB_ASSIGNED");
        PushGateway dying = new Counting() {
            @Override
            public List<PushOutcome> send(List<PushMessage> messages) {
                throw new AssertionError("the process died while sending");
            }
        };
        assertThatThrownBy(() -> new PushSender(tx, dying, clock, new Random(6)).sendDue()).isInstanceOf(AssertionError.class);
        Counting provider = new Counting();
        PushSender survivor = new PushSender(tx, provider, clock, new Random(7));
        assertThat(survivor.sendDue()).as("still leased to the dead sender").isZero();
        clock.advance(PushSender.LEASE.plusSeconds(1));
        assertThat(survivor.sendDue()).isEqualTo(3);
        assertThat(db.count(deliveries(prefix) + " AND d.state = 'SENT'")).isEqualTo(3);
    }

    @Test
    void backoffGrowsWithJitterAndNeverComesBeforeWhatTheProviderAsked() {
        PushSender sender = new PushSender(tx, new Counting(), java.time.Clock.systemUTC(), new Random(8));
        for (int i = 0; i < 200; i++) {
            assertThat(sender.backoff(1, Optional.empty())).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(15));
            assertThat(sender.backoff(4, Optional.empty())).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(120));
            assertThat(sender.backoff(30, Optional.empty())).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(45));
            assertThat(sender.backoff(1, Optional.of(Duration.ofMinutes(2)))).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
        }
    }

    // ------------------------------------------------------------------ fixture

    /** {@code notifications} notifications for one demo user, each queued to {@code devices} devices with FCM tokens. */
    private void queue(String prefix, int notifications, int devices, Instant now, String kind) {
        String user = "(SELECT id FROM app_user WHERE login = 'plumber')";
        db.execute("""
                INSERT INTO device (id, user_id, platform, created_at, last_seen_at)
                SELECT md5('%1$s-dev-' || n)::uuid, %2$s, 'ANDROID', '%3$s', '%3$s' FROM generate_series(0, %4$d) n""".formatted(
                prefix, user, now, devices - 1));
        db.execute("""
                INSERT INTO push_token (device_id, user_id, provider, token, locale, registered_at, last_seen_at)
                SELECT md5('%1$s-dev-' || n)::uuid, %2$s, 'FCM', '%1$s-token-000000000000-' || n, 'ru', '%3$s', '%3$s'
                FROM generate_series(0, %4$d) n""".formatted(prefix, user, now, devices - 1));
        db.execute("""
                INSERT INTO notification (id, user_id, kind, title, body, created_at)
                SELECT md5('%1$s-note-' || n)::uuid, %2$s, '%5$s', 'Job ' || n, 'Body ' || n, '%3$s'
                FROM generate_series(0, %4$d) n""".formatted(prefix, user, now, notifications - 1, kind));
        Duration ttl = DeliveryPolicy.of(org.opencity.model.notify.NotificationKind.valueOf(kind)).ttl();
        db.execute("""
                INSERT INTO push_delivery (notification_id, device_id, provider, next_at, give_up_at, created_at)
                SELECT md5('%1$s-note-' || n)::uuid, md5('%1$s-dev-' || d)::uuid, 'FCM', '%2$s', '%3$s', '%2$s'
                FROM generate_series(0, %4$d) n, generate_series(0, %5$d) d""".formatted(
                prefix, now, now.plus(ttl), notifications - 1, devices - 1));
    }

    private static String token(String prefix, int device) {
        return prefix + "-token-000000000000-" + device;
    }

    /** Deliveries of this fixture; {@code p_dev} is the device number. */
    private static String deliveries(String prefix) {
        return """
                SELECT count(*) FROM (SELECT d.*, (SELECT n FROM generate_series(0, 999) n WHERE md5('%1$s-dev-' || n)::uuid = d.device_id)
                AS p_dev FROM push_delivery d WHERE d.notification_id IN (SELECT md5('%1$s-note-' || n)::uuid FROM generate_series(0, 999) n)) d
                WHERE true""".formatted(prefix);
    }

    private long pending(String prefix) {
        return db.count(deliveries(prefix) + " AND d.state = 'PENDING'");
    }
}
