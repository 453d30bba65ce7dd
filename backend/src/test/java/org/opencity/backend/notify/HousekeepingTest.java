package org.opencity.backend.notify;

import org.junit.jupiter.api.Test;
import org.opencity.backend.db.Signals;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.testing.MutableClock;
import org.opencity.backend.testing.TestDatabase;
import org.opencity.backend.testing.WithDatabase;
import org.opencity.model.notify.PushProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Old push tokens, finished deliveries and old notifications are forgotten; nothing recent is. */
@WithDatabase(demo = true)
class HousekeepingTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final TestDatabase db;

    HousekeepingTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void tokensUnusedFor270DaysOrOfRevokedDevicesAreRemoved() {
        device("old-phone", NOW.minus(Duration.ofDays(271)), false);
        device("recent-phone", NOW.minus(Duration.ofDays(269)), false);
        device("revoked-phone", NOW, true);
        long removed = new PushTokens(db.client(), new Transactions(db.client()), new MutableClock(NOW)).purge();
        assertThat(removed).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM push_token WHERE token LIKE 'recent-phone%'")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM push_token WHERE token LIKE 'old-phone%' OR token LIKE 'revoked-phone%'")).isZero();
    }

    @Test
    void finishedDeliveriesAndYearOldNotificationsAreForgotten() {
        String user = "(SELECT id FROM app_user WHERE login = 'electrician')";
        db.execute("INSERT INTO notification (id, user_id, kind, title, body, created_at) VALUES "
                           + "('00000000-0000-7000-8000-000000000001', " + user + ", 'JOB_ASSIGNED', 't', 'b', '" + NOW.minus(Duration.ofDays(400)) + "'), "
                           + "('00000000-0000-7000-8000-000000000002', " + user + ", 'JOB_ASSIGNED', 't', 'b', '" + NOW.minus(Duration.ofDays(20)) + "')");
        String recent = "'00000000-0000-7000-8000-000000000002'";
        db.execute("INSERT INTO push_delivery (notification_id, device_id, provider, state, next_at, give_up_at, created_at, done_at) VALUES "
                           + "(" + recent + ", gen_random_uuid(), 'FCM', 'SENT', now(), now(), now(), '" + NOW.minus(Duration.ofDays(8)) + "'), "
                           + "(" + recent + ", gen_random_uuid(), 'FCM', 'SENT', now(), now(), now(), '" + NOW.minus(Duration.ofDays(6)) + "'), "
                           + "(" + recent + ", gen_random_uuid(), 'FCM', 'FAILED', now(), now(), now(), '" + NOW.minus(Duration.ofDays(8)) + "'), "
                           + "(" + recent + ", gen_random_uuid(), 'FCM', 'FAILED', now(), now(), now(), '" + NOW.minus(Duration.ofDays(31)) + "'), "
                           + "(" + recent + ", gen_random_uuid(), 'FCM', 'PENDING', now(), now(), now(), NULL)");
        try (Signals signals = new Signals(new Transactions(db.client()), db.client())) {
            Inbox inbox = new Inbox(db.client(), signals, new MutableClock(NOW), Set.of(PushProvider.FCM));
            assertThat(inbox.purgeDeliveries()).as("a week-old sent one and a month-old failed one").isEqualTo(2);
            assertThat(db.count("SELECT count(*) FROM push_delivery WHERE state = 'PENDING'")).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM push_delivery WHERE state = 'FAILED'")).as("admins still see recent failures").isEqualTo(1);
            assertThat(inbox.purge(Inbox.KEEP)).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM notification WHERE id = " + recent)).isEqualTo(1);
        }
    }

    private void device(String name, Instant seen, boolean revoked) {
        String user = "(SELECT id FROM app_user WHERE login = 'electrician')";
        String id = "md5('" + name + "')::uuid";
        db.execute("INSERT INTO device (id, user_id, platform, created_at, last_seen_at, revoked_at) VALUES (" + id + ", " + user
                           + ", 'ANDROID', '" + seen + "', '" + seen + "', " + (revoked ? "'" + NOW + "'" : "NULL") + ")");
        db.execute("INSERT INTO push_token (device_id, user_id, provider, token, locale, registered_at, last_seen_at) VALUES (" + id + ", "
                           + user + ", 'FCM', '" + name + "-token-0000000000', 'ru', '" + seen + "', '" + seen + "')");
    }
}
