package org.opencity.backend.requests;

import org.junit.jupiter.api.Test;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweeper warns, escalates to the organisation, then to the city — each exactly once per
 * request, even with two backend instances sweeping the same database at the same moment.
 */
@WithApp
class DeadlineSweeperTest {

    private final TestApp app;
    private final RequestFixtures f;

    DeadlineSweeperTest(TestApp app) {
        this.app = app;
        this.f = new RequestFixtures(app);
    }

    @Test
    void twoInstancesSweepingTogetherRaiseEachWarningAndEscalationExactlyOnce() throws Exception {
        TestApp.Tokens resident = app.newResident();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(app.fileRequest(resident, i % 2 == 0 ? "water-leak" : "power-outage", f.building("vakhitovsky"),
                                    "Emergency number " + i + " needs someone fast").get("summary").get("id").asText());
        }
        // two more "instances": separate sweepers on their own connections to the same database
        Transactions tx = new Transactions(app.database().client());
        List<RequestListener> none = List.of();
        RequestActions actions = new RequestActions(tx, new Calendars(app.database().client(), app.clock()), app.clock(), none);
        DeadlineSweeper one = new DeadlineSweeper(tx, actions, app.clock(), none);
        DeadlineSweeper two = new DeadlineSweeper(tx, actions, app.clock(), none);

        app.clock().advance(Duration.ofMinutes(25));     // past 80 % of the 30-minute acceptance deadline
        sweepTogether(one, two);
        assertThat(events("DEADLINE_WARNING")).isEqualTo(30);
        assertThat(events("ESCALATED")).isZero();

        app.clock().advance(Duration.ofMinutes(10));     // overdue
        sweepTogether(one, two);
        sweepTogether(one, two);
        assertThat(events("ESCALATED")).isEqualTo(30);
        assertThat(app.database().count("SELECT count(*) FROM request WHERE escalation_level = 1")).isEqualTo(30);

        app.clock().advance(Duration.ofMinutes(30));     // half a stage later (at least 30 minutes): the city
        sweepTogether(one, two);
        assertThat(events("ESCALATED")).isEqualTo(60);
        assertThat(app.database().count("SELECT count(*) FROM request WHERE escalation_level = 2")).isEqualTo(30);
        assertThat(app.database().count("""
                SELECT count(*) FROM (SELECT request_id, detail->>'level' AS level, count(*) AS n FROM request_event
                                      WHERE kind = 'ESCALATED' GROUP BY 1, 2) x WHERE n <> 1""")).isZero();

        sweepTogether(one, two);
        assertThat(events("ESCALATED")).as("nothing more to do").isEqualTo(60);
        for (String id : ids.subList(0, 3)) {
            assertThat(f.detail(app.login("citydispatcher"), id).get("summary").get("overdue").asBoolean()).isTrue();
        }
    }

    @Test
    void aPausedClockIsNeitherWarnedNorEscalated() {
        String id = app.fileRequest(app.newResident(), "sewerage", f.building("kirovsky"), "Sewage is backing up in the basement")
                .get("summary").get("id").asText();
        f.actOk(app.login("kirovsky.dispatcher"), id, RequestFixtures.action("PAUSE_CLOCK", "reason", "basement locked"));
        long before = app.database().count("SELECT count(*) FROM request_event WHERE request_id = '" + id + "'");
        app.clock().advance(Duration.ofHours(5));
        app.app().sweeper().sweepOnce();
        assertThat(app.database().count("SELECT count(*) FROM request_event WHERE request_id = '" + id + "'")).isEqualTo(before);
    }

    private void sweepTogether(DeadlineSweeper one, DeadlineSweeper two) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<DeadlineSweeper.Sweep> a = pool.submit(() -> {
                start.await();
                return one.sweepOnce();
            });
            Future<DeadlineSweeper.Sweep> b = pool.submit(() -> {
                start.await();
                return two.sweepOnce();
            });
            a.get();
            b.get();
        } finally {
            pool.shutdown();
        }
    }

    private long events(String kind) {
        return app.database().count("SELECT count(*) FROM request_event WHERE kind = '" + kind + "'");
    }
}
