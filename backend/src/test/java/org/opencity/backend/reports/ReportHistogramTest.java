package org.opencity.backend.reports;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.model.Role;
import org.opencity.model.report.Dimension;
import org.opencity.model.report.Measure;
import org.opencity.model.report.ReportQuery;
import org.opencity.model.report.ReportResult;
import org.opencity.model.report.ReportRow;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stage percentiles read from the histograms (V36) agree with the exact ones within 1/64 for every
 * histogram cut, with months whole and cut at the edges, by day and week, for an organisation's
 * staff and for the city average; durations not folded in yet count; the live upkeep and a
 * rebuild give the same histograms; the database and Java put seconds in the same buckets.
 */
@WithApp
class ReportHistogramTest {

    private static final int REQUESTS = 3000;
    private static final List<Measure> PERCENTILES = List.of(Measure.COUNT, Measure.STAGE_MEDIAN_MINUTES, Measure.STAGE_P90_MINUTES);
    private static final LocalDate FROM = LocalDate.parse("2026-08-20");
    private static final LocalDate TO = LocalDate.parse("2026-11-18");

    private final TestApp app;
    private final ReportFixtures f;
    private final Reports exact;
    private final Reports histograms;
    private final Caller city;

    ReportHistogramTest(TestApp app) {
        this.app = app;
        this.f = new ReportFixtures(app);
        Transactions tx = new Transactions(app.database().client());
        Calendars calendars = new Calendars(app.database().client(), app.clock());
        this.exact = new Reports(tx, calendars, app.clock(), Long.MAX_VALUE);
        this.histograms = new Reports(tx, calendars, app.clock(), 0);
        UUID cityId = UUID.fromString(f.single("SELECT id FROM city LIMIT 1"));
        this.city = caller(cityId, Role.CITY_DISPATCHER, Optional.empty());
    }

    private static Caller caller(UUID cityId, Role role, Optional<UUID> organisation) {
        return new Caller(UUID.randomUUID(), cityId, "STAFF", Set.of(role), organisation, UUID.randomUUID(), UUID.randomUUID(), "en",
                          false, false);
    }

    /** The app the requests were loaded into (one app per test class). */
    private static TestApp loaded;

    /**
     * Requests from mid-August to late November in every district, in two categories, with four
     * stages each whose durations spread from seconds to three days; written in SQL, so the
     * triggers append their durations as any change would.
     */
    @BeforeEach
    void requests() {
        if (loaded == app) {
            return;
        }
        loaded = app;
        app.database().client().execute().createInsert("""
                INSERT INTO request (id, city_id, number, channel, status, priority, category_id, description, reporter_type,
                                     district_id, address, lat, lon, organisation_id, created_at, updated_at,
                                     late_stages, reopen_count, first_done_at, rating)
                SELECT uuid_v7(), c.id, 'H-' || g, 'WEB', 'CLOSED', 'ROUTINE', cat.id, 'generated', 'INDIVIDUAL', d.id, 'somewhere',
                       55.79, 49.12, o.id, timestamptz '2026-08-15 00:00Z' + (g * 47 % 140000) * interval '1 minute', now(),
                       0, 0, now(), 1 + g % 5
                FROM generate_series(1, :n) g
                CROSS JOIN (SELECT id FROM city LIMIT 1) c
                JOIN (SELECT row_number() OVER (ORDER BY code) - 1 AS k, id FROM service_category
                      WHERE code IN ('plumbing', 'heating')) cat ON cat.k = g % 2
                JOIN (SELECT row_number() OVER (ORDER BY code) - 1 AS k, id, code FROM district) d ON d.k = g % 7
                JOIN organisation o ON o.code = 'mc-' || d.code""").addParam("n", REQUESTS).execute();
        app.database().client().execute().createInsert("""
                INSERT INTO request_stage (request_id, stage, started_at, organisation_id, clock_time, due_at, ended_at, end_kind,
                                           progressed, duration_seconds, late)
                SELECT r.id, s.stage, r.created_at, r.organisation_id, false, r.created_at + interval '4 hours',
                       r.created_at + interval '1 hour', 'X', true,
                       -- mostly minutes to hours, some under a minute, some days: (0..1) cubed times three days
                       CAST(259200 * power((hashtext(r.number || s.stage) & 65535) / 65535.0, 3) AS int), false
                FROM request r CROSS JOIN (VALUES ('ACCEPT'), ('START'), ('COMPLETE'), ('CONFIRM')) s(stage)
                WHERE r.number LIKE 'H-%'""").execute();
    }

    private static ReportQuery query(List<Dimension> dimensions, Map<Dimension, List<String>> filters) {
        return new ReportQuery(dimensions, PERCENTILES, filters, FROM, TO);
    }

    /** Runs the query both ways and answers how many percentiles it compared (each within 1/64 plus the rounding to 0.01 minutes). */
    private int agree(Caller caller, ReportQuery query) {
        ReportResult want = exact.run(caller, query);
        ReportResult got = histograms.run(caller, query);
        assertThat(want.approximatePercentiles()).isFalse();
        assertThat(got.approximatePercentiles()).as("the city average at least reads the histograms").isTrue();
        assertThat(got.rows()).extracting(ReportRow::dimensions)
                .containsExactlyElementsOf(want.rows().stream().map(ReportRow::dimensions).toList());
        List<ReportRow[]> pairs = new ArrayList<>();
        for (int i = 0; i < want.rows().size(); i++) {
            pairs.add(new ReportRow[] {want.rows().get(i), got.rows().get(i)});
        }
        pairs.add(new ReportRow[] {want.cityAverage(), got.cityAverage()});
        int compared = 0;
        for (ReportRow[] pair : pairs) {
            for (Map.Entry<String, Double> e : pair[0].values().entrySet()) {
                Double approximate = pair[1].values().get(e.getKey());
                if (e.getValue() == null) {
                    assertThat(approximate).as(e.getKey() + " of " + pair[0].dimensions()).isNull();
                } else if (!e.getKey().equals(Measure.COUNT.name())) {
                    assertThat(approximate).as(e.getKey() + " of " + pair[0].dimensions() + " in " + query)
                            .isCloseTo(e.getValue(), org.assertj.core.data.Offset.offset(e.getValue() / 64 + 0.01));
                    compared++;
                }
            }
        }
        return compared;
    }

    @Test
    void histogramPercentilesAreWithinOneSixtyFourthOfTheExactOnesForEveryCut() throws SQLException {
        app.database().client().execute().query("SELECT fold_report_durations()").close();
        assertThat(agree(city, query(List.of(Dimension.ORGANISATION), Map.of())))
                .as("7 organisations and the city, 4 stages, 2 percentiles")
                .isEqualTo(8 * 4 * 2);
        // durations not folded in yet: the fold job is held off (it writes report_duration, locked here) while some change
        try (Connection holder = DriverManager.getConnection(app.database().url(), app.database().user(), app.database().password())) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE report_duration IN EXCLUSIVE MODE");
            }
            app.database().client().execute().createUpdate("""
                    UPDATE request_stage SET duration_seconds = duration_seconds * 3 + 100
                    WHERE stage = 'START' AND request_id IN (SELECT id FROM request WHERE number LIKE 'H-%' AND organisation_id =
                                                             (SELECT id FROM organisation WHERE code = 'mc-sovetsky'))""").execute();
            assertThat(f.single("SELECT count(*) FROM report_duration_change")).isNotEqualTo("0");
            assertThat(agree(city, query(List.of(Dimension.ORGANISATION), Map.of()))).isEqualTo(8 * 4 * 2);
            holder.rollback();
        }
        app.database().client().execute().query("SELECT fold_report_durations()").close();
        assertThat(f.single("SELECT count(*) FROM report_duration_change")).isEqualTo("0");
        assertThat(agree(city, query(List.of(Dimension.ORGANISATION), Map.of()))).isEqualTo(8 * 4 * 2);
        assertThat(agree(city, query(List.of(Dimension.ORGANISATION, Dimension.MONTH), Map.of()))).as("four months, two cut")
                .isEqualTo((7 * 4 + 1) * 4 * 2);
        assertThat(agree(city, query(List.of(Dimension.CATEGORY, Dimension.WEEK), Map.of()))).isGreaterThan(2 * 12 * 4 * 2);
        assertThat(agree(city, query(List.of(Dimension.DAY), Map.of(Dimension.DISTRICT, List.of("sovetsky"))))).isGreaterThan(80 * 4 * 2);
        assertThat(agree(city, query(List.of(Dimension.ORGANISATION_TYPE, Dimension.QUARTER), Map.of()))).isGreaterThan(0);
        assertThat(agree(city, query(List.of(), Map.of(Dimension.CATEGORY, List.of("heating"))))).isEqualTo(2 * 4 * 2);

        UUID sovetsky = UUID.fromString(f.single("SELECT id FROM organisation WHERE code = 'mc-sovetsky'"));
        Caller organisation = caller(city.cityId(), Role.ORG_DISPATCHER, Optional.of(sovetsky));
        assertThat(agree(organisation, query(List.of(Dimension.CATEGORY), Map.of()))).as("organisation x category, and the city")
                .isEqualTo(3 * 4 * 2);
        assertThat(agree(organisation, query(List.of(Dimension.DISTRICT), Map.of()))).as("organisation x district, and the city")
                .isEqualTo(2 * 4 * 2);
        assertThat(agree(city, query(List.of(Dimension.ORGANISATION, Dimension.DISTRICT), Map.of()))).isEqualTo(8 * 4 * 2);
        assertThat(agree(city, query(List.of(Dimension.CHANNEL), Map.of()))).as("no cut keeps the channel: exact both ways")
                .isEqualTo(2 * 4 * 2);
    }

    @Test
    void theLiveHistogramsAreWhatARebuildMakes() {
        app.database().client().execute().query("SELECT fold_report_durations()").close();
        String histograms = "SELECT string_agg(CAST(h AS text), E'\\n' ORDER BY CAST(h AS text)) FROM report_duration h "
                + "WHERE histogram <> '{}'";
        String live = f.single(histograms);
        assertThat(live).contains("ORGANISATION_CATEGORY", "ORGANISATION_DISTRICT", "MONTH");
        assertThat(f.single("SELECT sum(n) FROM (SELECT h.histogram[i] AS n FROM report_duration h, generate_subscripts(h.histogram, 1) i "
                                    + "WHERE i % 2 = 0 AND h.cut = 'CATEGORY' AND h.span = 'DAY') c"))
                .as("every duration once per cut and span")
                .isEqualTo(f.single("SELECT sum(coalesce(cardinality(accept_seconds), 0) + coalesce(cardinality(start_seconds), 0) "
                                            + "+ coalesce(cardinality(complete_seconds), 0) + coalesce(cardinality(confirm_seconds), 0)) "
                                            + "FROM report_fact"));
        app.database().client().execute().query("SELECT rebuild_report_durations()").close();
        assertThat(f.single(histograms)).isEqualTo(live);
    }

    @Test
    void theDatabaseAndJavaPutSecondsInTheSameBuckets() {
        List<Integer> seconds = new ArrayList<>(List.of(0, 1, 59, 63, 64, 65, 95, 96, 127, 128, 129, 3599, 3600, 86_400, 259_200,
                                                        Integer.MAX_VALUE));
        for (int p = 7; p < 31; p++) {
            seconds.add((1 << p) - 1);
            seconds.add(1 << p);
            seconds.add((1 << p) + (1 << (p - 5)));
        }
        for (int s : seconds) {
            assertThat(Integer.parseInt(f.single("SELECT duration_bucket(" + s + ")"))).as(s + " s").isEqualTo(DurationHistogram.bucket(s));
            double value = DurationHistogram.value(DurationHistogram.bucket(s));
            assertThat(Math.abs(value - s)).as("the bucket of " + s + " s stands for " + value).isLessThanOrEqualTo(s / 64.0);
        }
        assertThat(DurationHistogram.bucket(Integer.MAX_VALUE)).isLessThan(DurationHistogram.BUCKETS);
    }

    @Test
    void percentilesInterpolateBetweenRanksAsPostgresDoes() {
        DurationHistogram h = new DurationHistogram();
        h.add("10,1,20,1");
        h.add("30,2");
        // 10, 20, 30, 30: median at position 1.5 (25), 90th at 2.7 (30)
        assertThat(h.percentile(0.5)).isEqualTo(25.0);
        assertThat(h.percentile(0.9)).isEqualTo(30.0);
        assertThat(h.total()).isEqualTo(4);
        assertThat(new DurationHistogram().percentile(0.5)).isNull();
        DurationHistogram big = new DurationHistogram();
        big.add(DurationHistogram.bucket(7200) + ",3");
        assertThat(big.percentile(0.5)).isCloseTo(7200.0, org.assertj.core.data.Offset.offset(7200.0 / 64));
    }
}
