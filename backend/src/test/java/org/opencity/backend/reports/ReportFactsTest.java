package org.opencity.backend.reports;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report facts ({@code report_fact}, V21) follow every kind of change in the changing
 * transaction — filing, acceptance, assignment, start, pause and resume, completion, dispute,
 * confirmation, rating, cancellation, rejection and re-routing, the sweeper's auto-close, and
 * changes made in SQL outside the application — and so does their daily rollup
 * ({@code report_day}) and the stage duration histograms ({@code report_duration}); a rebuild from
 * request and stage facts gives exactly what upkeep kept.
 */
@WithApp
class ReportFactsTest {

    private static final String FACTS = """
            SELECT string_agg(concat_ws('|', r.number, f.city_id, f.day, f.organisation_id, f.district_id, f.category_id, f.building_id,
                                        f.channel, f.reporter_type, f.status, f.late_stages, f.reopen_count, f.ever_done, f.rating,
                                        f.overdue_from, f.running_stage, f.running_due,
                                        f.accept_moved, f.accept_on_time, f.accept_seconds, f.start_moved, f.start_on_time, f.start_seconds,
                                        f.complete_moved, f.complete_on_time, f.complete_seconds,
                                        f.confirm_moved, f.confirm_on_time, f.confirm_seconds), E'\\n' ORDER BY r.number)
            FROM report_fact f JOIN request r ON r.id = f.request_id""";
    /** The daily rollup (V22); keys whose requests all moved elsewhere stay behind as zero rows. */
    private static final String ROLLUP = """
            SELECT string_agg(CAST(d AS text), E'\\n' ORDER BY CAST(d AS text)) FROM report_day d WHERE requests <> 0""";
    /** The stage duration histograms (V36), folded; emptied ones stay behind as empty rows. */
    private static final String HISTOGRAMS = """
            SELECT string_agg(CAST(h AS text), E'\\n' ORDER BY CAST(h AS text)) FROM report_duration h WHERE histogram <> '{}'""";

    private final TestApp app;
    private final ReportFixtures f;

    ReportFactsTest(TestApp app) {
        this.app = app;
        this.f = new ReportFixtures(app);
    }

    private String fact(String id, String column) {
        return f.single("SELECT coalesce(CAST(" + column + " AS text), 'null') FROM report_fact WHERE request_id = '" + id + "'");
    }

    @Test
    void everyKindOfChangeReachesTheFactAndARebuildGivesTheSame() {
        String b = f.reopenedAndRestarted("+79550000201");
        assertThat(fact(b, "status")).isEqualTo("IN_PROGRESS");
        assertThat(fact(b, "reopen_count")).isEqualTo("1");
        assertThat(fact(b, "ever_done")).isEqualTo("true");
        assertThat(fact(b, "running_stage")).isEqualTo("COMPLETE");
        assertThat(fact(b, "start_moved")).as("the first START moved the request on; the second is running no more").isEqualTo("2");
        assertThat(fact(b, "accept_seconds")).as("1 h Thursday + 1 h Friday").isEqualTo("{7200}");
        assertThat(fact(b, "confirm_seconds")).as("ended by the dispute an hour after completion").isEqualTo("{3600}");

        f.at("2026-11-30T10:10:00Z");
        f.staff("dispatcher", b, "PAUSE_CLOCK", "reason", "no access");
        assertThat(fact(b, "running_due")).as("a paused stage is never past due").isEqualTo("null");
        assertThat(fact(b, "overdue_from")).isEqualTo("null");
        f.at("2026-11-30T10:40:00Z");
        f.staff("dispatcher", b, "RESUME_CLOCK");
        assertThat(fact(b, "running_due")).isNotEqualTo("null");

        f.at("2026-11-30T13:00:00Z");
        String c = f.file("+79550000202", "vakhitovsky");
        assertThat(fact(c, "status")).isEqualTo("ROUTED");
        assertThat(fact(c, "running_stage")).isEqualTo("ACCEPT");
        f.at("2026-11-30T13:30:00Z");
        f.resident("+79550000202", c, "CANCEL", "reason", "it stopped");
        assertThat(fact(c, "status")).isEqualTo("CANCELLED");
        assertThat(fact(c, "accept_moved")).as("cancelled, not moved on").isEqualTo("0");

        f.at("2026-12-01T06:00:00Z");
        String rejected = f.file("+79550000203", "sovetsky");
        f.at("2026-12-01T11:00:00Z");
        f.staff("sovetsky.dispatcher", rejected, "REJECT", "reason", "not our building");
        String vakhitovsky = f.single("SELECT id FROM organisation WHERE code = 'mc-vakhitovsky'");
        f.staff("citydispatcher", rejected, "REROUTE", "organisationId", vakhitovsky);
        assertThat(fact(rejected, "organisation_id")).isEqualTo(vakhitovsky);

        f.at("2026-12-01T12:00:00Z");
        f.complete("plumber", b);
        f.at("2026-12-01T12:30:00Z");
        f.resident("+79550000201", b, "CONFIRM");
        f.resident("+79550000201", b, "RATE", "stars", 4);
        assertThat(fact(b, "status")).isEqualTo("CLOSED");
        assertThat(fact(b, "rating")).isEqualTo("4");
        assertThat(fact(b, "running_stage")).isEqualTo("null");

        f.at("2026-12-08T12:00:00Z");
        app.app().sweeper().sweepOnce();   // escalates the re-routed request
        assertThat(f.single("SELECT count(*) FROM report_fact")).isEqualTo(f.single("SELECT count(*) FROM request"));

        // what the fold job does every 2 s
        app.database().client().execute().query("SELECT fold_report_day(), fold_report_durations()").close();
        assertThat(f.single("SELECT count(*) FROM report_day_change")).isEqualTo("0");
        String live = f.single(FACTS);
        String rollup = f.single(ROLLUP);
        String histograms = f.single(HISTOGRAMS);
        assertThat(histograms).contains("ACCEPT", "START", "COMPLETE", "CONFIRM");
        assertThat(f.single("SELECT sum(requests) FROM report_day")).isEqualTo(f.single("SELECT count(*) FROM request"));
        assertThat(f.single("SELECT sum(rating_sum) FROM report_day")).isEqualTo(f.single("SELECT sum(rating) FROM report_fact"));
        app.database().client().execute().query("SELECT rebuild_report_facts()").close();
        assertThat(f.single(FACTS)).isEqualTo(live);
        assertThat(f.single(ROLLUP)).isEqualTo(rollup);
        assertThat(f.single(HISTOGRAMS)).isEqualTo(histograms);
    }

    // the two tests share one database (one app per test class): each checks against the facts, not against constants
    @Test
    void changesMadeInSqlReachTheFactsToo() {
        String b = f.reopenedAndRestarted("+79550000211");
        String sovetsky = f.single("SELECT id FROM organisation WHERE code = 'mc-sovetsky'");
        app.database().client().execute().createUpdate("UPDATE request SET organisation_id = '" + sovetsky + "' WHERE id = '" + b + "'")
                .execute();
        assertThat(fact(b, "organisation_id")).as("its durations move to the other organisation's histograms").isEqualTo(sovetsky);
        app.database().client().execute().createUpdate("UPDATE request SET status = 'CANCELLED', rating = 2 WHERE id = '" + b + "'").execute();
        assertThat(fact(b, "status")).isEqualTo("CANCELLED");
        assertThat(fact(b, "rating")).isEqualTo("2");
        app.database().client().execute().createDelete("DELETE FROM request_stage WHERE request_id = '" + b + "' AND stage = 'ACCEPT'")
                .execute();
        assertThat(fact(b, "accept_moved")).isEqualTo("0");
        assertThat(fact(b, "accept_seconds")).isEqualTo("null");
        assertThat(fact(b, "start_moved")).as("the other stages stay").isEqualTo("2");
        app.database().client().execute().query("SELECT fold_report_day()").close();
        assertThat(f.single("SELECT sum(accept_moved) FROM report_day")).isEqualTo(f.single("SELECT sum(accept_moved) FROM report_fact"));
        String rollup = f.single(ROLLUP);
        app.database().client().execute().query("SELECT rebuild_report_day()").close();
        assertThat(f.single(ROLLUP)).isEqualTo(rollup);
        app.database().client().execute().query("SELECT fold_report_durations()").close();
        String histograms = f.single(HISTOGRAMS);
        app.database().client().execute().query("SELECT rebuild_report_durations()").close();
        assertThat(f.single(HISTOGRAMS)).as("durations moved to another organisation and deleted left their histograms")
                .isEqualTo(histograms);
    }
}
