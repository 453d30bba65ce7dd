package org.opencity.backend.demo;

import org.junit.jupiter.api.Test;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.requests.RequestNumbers;
import org.opencity.backend.testing.TestDatabase;
import org.opencity.backend.testing.WithDatabase;
import org.opencity.model.request.Status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo history: requests in every state, made by the real pipeline, seeded once. */
@WithDatabase(demo = true)
class DemoHistoryTest {

    private final TestDatabase db;

    DemoHistoryTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aFewHundredRequestsInEveryStateWithCompleteHistoriesSeededOnce() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
        DemoHistory history = new DemoHistory(new Transactions(db.client()), new Calendars(db.client(), clock), clock);
        assertThat(history.seed(new RequestNumbers(db.client()), db.client())).isTrue();
        assertThat(history.seed(new RequestNumbers(db.client()), db.client())).isFalse();

        assertThat(db.count("SELECT count(*) FROM request")).isEqualTo(300);
        for (Status status : Arrays.stream(Status.values()).filter(s -> s != Status.NEW).toList()) {
            assertThat(db.count("SELECT count(*) FROM request WHERE status = '" + status + "'")).as(status.name()).isPositive();
        }
        assertThat(db.count("SELECT count(*) FROM request r WHERE NOT EXISTS "
                                    + "(SELECT 1 FROM request_event e WHERE e.request_id = r.id AND e.kind = 'CREATED')")).isZero();
        // the latest status change recorded in each history is the request's status
        assertThat(db.count("""
                SELECT count(*) FROM request r
                WHERE r.status <> (SELECT e.to_status FROM request_event e WHERE e.request_id = r.id AND e.to_status IS NOT NULL
                                   ORDER BY e.at DESC, e.id DESC LIMIT 1)""")).isZero();
        assertThat(db.count("SELECT count(*) FROM request WHERE rating IS NOT NULL")).isGreaterThan(50);
        assertThat(db.count("""
                SELECT count(*) FROM request r JOIN app_user u ON u.id = r.technician_id
                WHERE u.login = 'vakhitovsky.plumber1' AND r.status IN ('ASSIGNED', 'IN_PROGRESS')"""))
                .as("the demo technician has a working day in the app").isGreaterThanOrEqualTo(3);
        assertThat(db.count("""
                SELECT count(*) FROM request r JOIN app_user u ON u.id = r.technician_id
                WHERE u.login = 'vakhitovsky.plumber1' AND r.status = 'IN_PROGRESS'""")).isPositive();
        assertThat(db.count("SELECT count(DISTINCT channel) FROM request")).isGreaterThanOrEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM request_photo WHERE kind = 'AFTER'")).isGreaterThan(100);
        assertThat(db.count("SELECT count(*) FROM request WHERE created_at > TIMESTAMPTZ '2026-11-28T12:00:00Z'")).isZero();
        assertThat(db.count("SELECT count(*) FROM request_event WHERE at > TIMESTAMPTZ '2026-11-28T12:00:00Z'")).isZero();
    }
}
