package org.opencity.backend.reports;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration's backfill, run again over history the API made, rebuilds exactly the facts the
 * listener kept as it happened (for stages without pauses, which history-only rebuilding cannot
 * subtract): the same stages, ends, durations, due times and lateness, and the same counters.
 */
@WithApp
class ReportBackfillTest {

    private static final String FACTS = """
            SELECT string_agg(concat_ws('|', r.number, s.stage, s.started_at, s.due_at, s.ended_at, s.end_kind, s.progressed,
                                        s.duration_seconds, s.late, s.clock_time, s.organisation_id), E'\\n'
                              ORDER BY r.number, s.started_at, s.id)
            FROM request_stage s JOIN request r ON r.id = s.request_id""";
    private static final String COUNTERS = """
            SELECT string_agg(concat_ws('|', number, late_stages, reopen_count, first_done_at), E'\\n' ORDER BY number) FROM request""";

    private final TestApp app;
    private final ReportFixtures f;

    ReportBackfillTest(TestApp app) {
        this.app = app;
        this.f = new ReportFixtures(app);
    }

    @Test
    void theBackfillRebuildsWhatTheListenerRecorded() {
        String b = f.reopenedAndRestarted("+79550000102");
        f.at("2026-11-30T13:00:00Z");
        String c = f.file("+79550000103", "vakhitovsky");
        f.at("2026-11-30T13:30:00Z");
        f.resident("+79550000103", c, "CANCEL", "reason", "it stopped");
        f.at("2026-12-01T06:00:00Z");
        String rejected = f.file("+79550000104", "sovetsky");
        f.at("2026-12-01T11:00:00Z");
        f.staff("sovetsky.dispatcher", rejected, "REJECT", "reason", "not our building");
        f.staff("citydispatcher", rejected, "REROUTE", "organisationId", f.single("SELECT id FROM organisation WHERE code = 'mc-sovetsky'"));
        f.at("2026-12-04T12:00:00Z");
        f.complete("plumber", b);
        f.at("2026-12-08T12:00:00Z");
        app.app().sweeper().sweepOnce();   // closes b after the confirmation window, escalates the rest

        List<String> live = snapshot();
        assertThat(live.getFirst()).contains("|CONFIRM|", "AUTO_CLOSED", "DISPUTED", "CANCELLED", "REJECT");
        app.database().client().execute().createDelete("DELETE FROM request_stage").execute();
        app.database().client().execute().createUpdate("UPDATE request SET late_stages = 0, reopen_count = 0, first_done_at = NULL")
                .execute();
        app.database().client().execute().query("SELECT backfill_stage_facts()").close();
        assertThat(snapshot()).isEqualTo(live);
    }

    private List<String> snapshot() {
        List<String> out = new ArrayList<>();
        out.add(f.single(FACTS));
        out.add(f.single(COUNTERS));
        return out;
    }
}
