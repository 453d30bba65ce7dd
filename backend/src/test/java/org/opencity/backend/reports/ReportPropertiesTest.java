package org.opencity.backend.reports;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.opencity.backend.testing.TestApp;
import org.opencity.model.OrganisationKind;
import org.opencity.model.report.Dimension;
import org.opencity.model.report.Measure;
import org.opencity.model.request.Channel;
import org.opencity.model.request.ReporterType;
import org.opencity.model.request.Status;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Random reports — dimensions, measures, filters (some matching nothing), periods from a single
 * day to months, mostly around a small city's eight requests so that empty and single-request
 * slices are common — by city and organisation staff. Each answers 200 and agrees with itself:
 * percentages within 0–100, ratings within 1–5, overdue at most the count, a median at most its
 * 90th percentile; for city staff the groups add up to the city's count, overdue and resolved
 * requests; the drill-down lists exactly the requests a figure counts; the CSV has a line per group
 * and the city's.
 * <pre>
 * G  Tue 10 Nov, Vakhitovsky, accepted only       A  Wed 25 Nov, done, confirmed, rated 5
 * B  Thu 26 Nov, reopened, done, rated 2          C  Mon 30 Nov, cancelled by the resident
 * D  Tue 1 Dec, never accepted (past due)         E  Tue 1 Dec, Sovetsky, accepted
 * H  Tue 1 Dec, Kirovsky, heating, by a resident  I  Tue 1 Dec, Vakhitovsky, lift (another organisation)
 * Reports at Tue 1 Dec 15:00 Kazan time.
 * </pre>
 */
class ReportPropertiesTest {

    private static final List<Dimension> PLAIN = Arrays.stream(Dimension.values()).filter(d -> !d.period()).toList();
    private static final List<Dimension> PERIODS = Arrays.stream(Dimension.values()).filter(Dimension::period).toList();
    private static final LocalDate FIRST = LocalDate.parse("2026-11-01");

    private static TestApp app;
    private static ReportFixtures f;
    private static final Map<String, TestApp.Tokens> tokens = new HashMap<>();
    private static Map<Dimension, List<String>> values;

    /** A report as the API takes it, and who runs it. */
    record Case(String who, List<Dimension> dimensions, List<Measure> measures, Map<Dimension, List<String>> filters, LocalDate from,
                LocalDate to, int pick) {

        boolean cityStaff() {
            return who.equals("citydispatcher");
        }

        Map<String, Object> body() {
            Map<String, Object> body = new HashMap<>();
            body.put("dimensions", dimensions.stream().map(Enum::name).toList());
            body.put("measures", measures.stream().map(Enum::name).toList());
            Map<String, List<String>> named = new HashMap<>();
            filters.forEach((d, v) -> named.put(d.name(), v));
            body.put("filters", named);
            body.put("from", from == null ? null : from.toString());
            body.put("to", to == null ? null : to.toString());
            return body;
        }

        /** The same report as URL parameters, for the CSV and the drill-down. */
        String parameters() {
            StringJoiner q = new StringJoiner("&");
            q.add("dimensions=" + String.join(",", dimensions.stream().map(Enum::name).toList()));
            q.add("measures=" + String.join(",", measures.stream().map(Enum::name).toList()));
            if (from != null) {
                q.add("from=" + from);
            }
            if (to != null) {
                q.add("to=" + to);
            }
            filters.forEach((d, v) -> q.add("filter." + d.name() + "=" + encode(String.join(",", v))));
            return q.toString();
        }
    }

    @BeforeContainer
    static void city() {
        app = TestApp.start(true);
        f = new ReportFixtures(app);
        f.at("2026-11-10T07:00:00Z");
        String g = f.file("+79570000007", "vakhitovsky");
        f.at("2026-11-10T08:00:00Z");
        f.staff("dispatcher", g, "ACCEPT");

        f.at("2026-11-25T06:00:00Z");
        String a = f.file("+79570000001", "vakhitovsky");
        f.at("2026-11-25T07:00:00Z");
        f.staff("dispatcher", a, "ACCEPT");
        f.assign("dispatcher", a, "plumber");
        f.at("2026-11-25T09:00:00Z");
        f.staff("plumber", a, "START");
        f.at("2026-11-25T10:00:00Z");
        f.complete("plumber", a);
        f.at("2026-11-25T10:30:00Z");
        f.resident("+79570000001", a, "CONFIRM");
        f.resident("+79570000001", a, "RATE", "stars", 5);

        String b = f.reopenedAndRestarted("+79570000002");
        f.at("2026-11-30T11:00:00Z");
        f.complete("plumber", b);
        f.at("2026-11-30T12:00:00Z");
        f.resident("+79570000002", b, "CONFIRM");
        f.resident("+79570000002", b, "RATE", "stars", 2);

        f.at("2026-11-30T13:00:00Z");
        String c = f.file("+79570000003", "vakhitovsky");
        f.at("2026-11-30T13:30:00Z");
        f.resident("+79570000003", c, "CANCEL", "reason", "it stopped");

        f.at("2026-12-01T06:00:00Z");
        f.file("+79570000004", "vakhitovsky");
        f.at("2026-12-01T07:00:00Z");
        String e = f.file("+79570000005", "sovetsky");
        f.at("2026-12-01T07:30:00Z");
        f.staff("sovetsky.dispatcher", e, "ACCEPT");
        f.at("2026-12-01T08:00:00Z");
        app.fileRequest(app.signInResident("+79570000008"), "heating", building("kirovsky"), "Radiators cold in the whole flat");
        f.at("2026-12-01T08:30:00Z");
        app.fileRequest(app.signInResident("+79570000009"), "lift", building("vakhitovsky"), "The lift stopped between floors");
        f.at("2026-12-01T12:00:00Z");

        for (String who : List.of("citydispatcher", "dispatcher")) {
            tokens.put(who, app.login(who));
        }
        values = new EnumMap<>(Dimension.class);
        values.put(Dimension.CITY, List.of("KZN", "XYZ"));
        values.put(Dimension.DISTRICT, List.of("vakhitovsky", "sovetsky", "kirovsky", "privolzhsky", "no-such-district"));
        values.put(Dimension.BUILDING, List.of(building("vakhitovsky"), building("kirovsky"), UUID.randomUUID().toString()));
        values.put(Dimension.ORGANISATION, List.of("mc-vakhitovsky", "mc-sovetsky", "mc-kirovsky", "kazanlift", "vodokanal", "nobody"));
        values.put(Dimension.ORGANISATION_TYPE, Arrays.stream(OrganisationKind.values()).map(Enum::name).toList());
        values.put(Dimension.CATEGORY, List.of("plumbing", "heating", "lift", "snow", "no-such-category"));
        values.put(Dimension.CHANNEL, Arrays.stream(Channel.values()).map(Enum::name).toList());
        values.put(Dimension.REPORTER_TYPE, Arrays.stream(ReporterType.values()).map(Enum::name).toList());
        values.put(Dimension.STATUS, Arrays.stream(Status.values()).map(Enum::name).toList());
    }

    @AfterContainer
    static void stop() {
        app.close();
    }

    private static String building(String district) {
        return f.single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = '" + district
                                + "' ORDER BY b.street_ru, b.house LIMIT 1");
    }

    @Provide
    Arbitrary<Case> reports() {
        Arbitrary<String> who = Arbitraries.of("citydispatcher", "citydispatcher", "dispatcher");
        Arbitrary<List<Dimension>> plain = Arbitraries.of(PLAIN).list().uniqueElements().ofMaxSize(2);
        Arbitrary<Optional<Dimension>> period = Arbitraries.of(PERIODS).optional(0.4);
        Arbitrary<List<Measure>> measures = Arbitraries.of(Measure.values()).list().uniqueElements().ofMinSize(1).ofMaxSize(5)
                .flatMap(m -> m.contains(Measure.COUNT) ? Arbitraries.just(m) : Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.just(with(Measure.COUNT, m))), Tuple.of(1, Arbitraries.just(m))));
        Arbitrary<Map<Dimension, List<String>>> someFilters = Arbitraries.of(PLAIN).list().uniqueElements().ofMinSize(1).ofMaxSize(2)
                .flatMap(dims -> Combinators.combine(dims.stream().map(d -> Arbitraries.of(values.get(d)).list().uniqueElements()
                        .ofMinSize(1).ofMaxSize(2)).toList()).as(lists -> {
                            Map<Dimension, List<String>> m = new LinkedHashMap<>();
                            for (int i = 0; i < dims.size(); i++) {
                                m.put(dims.get(i), lists.get(i));
                            }
                            return m;
                        }));
        Arbitrary<Map<Dimension, List<String>>> filters = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Map.<Dimension, List<String>>of())), Tuple.of(1, someFilters));
        Arbitrary<LocalDate> filingDays = Arbitraries.of("2026-11-10", "2026-11-25", "2026-11-26", "2026-11-30", "2026-12-01")
                .map(LocalDate::parse);   // single-request slices: a day alone, a week when the period groups so
        Arbitrary<Optional<LocalDate>> from = Arbitraries.frequencyOf(
                Tuple.of(1, filingDays), Tuple.of(1, Arbitraries.integers().between(0, 45).map(FIRST::plusDays))).optional(0.9);
        Arbitrary<Integer> span = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 1)),
                Tuple.of(2, Arbitraries.integers().between(2, 10)),
                Tuple.of(1, Arbitraries.integers().between(11, 200)));
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1000);
        return Combinators.combine(who, plain, period, measures, filters, from, span, pick).as((w, p, per, m, fl, start, days, k) -> {
            List<Dimension> dims = new ArrayList<>(p);
            per.ifPresent(dims::add);
            LocalDate to = start.map(s -> s.plusDays(days)).orElse(null);
            return new Case(w, dims, m, fl, start.orElse(null), to, k);
        });
    }

    @Property(tries = 100)
    void everyReportAnswersAndAddsUp(@ForAll("reports") Case c) {
        HttpResponse<String> response = app.post("/api/v1/reports/run", c.body(), tokens.get(c.who()));
        assertThat(response.statusCode()).as(c + ": " + response.body()).isEqualTo(200);
        JsonNode report = TestApp.json(response);
        JsonNode rows = report.get("rows");
        long requests = report.get("cityAverage").get("values").path("COUNT").asLong(-1);
        Statistics.label("city's requests in the slice").collect(requests < 0 ? "not counted" : requests < 2 ? requests : "2 or more");
        Statistics.label("groups").collect(rows.size() < 2 ? rows.size() : "2 or more");
        for (JsonNode row : rows) {
            consistent(c, row.get("values"));
            assertThat(row.get("dimensions").size()).isEqualTo(c.dimensions().size());
        }
        consistent(c, report.get("cityAverage").get("values"));

        boolean responsibleFiltered = c.filters().containsKey(Dimension.ORGANISATION) || c.filters().containsKey(Dimension.ORGANISATION_TYPE);
        if (c.measures().contains(Measure.COUNT)) {
            double sum = sum(rows, "COUNT");
            double city = report.get("cityAverage").get("values").get("COUNT").asDouble();
            if (c.cityStaff() && !responsibleFiltered) {
                assertThat(sum).as("the groups add up to the city: " + c).isEqualTo(city);
            } else {
                assertThat(sum).as("a part of the city: " + c).isLessThanOrEqualTo(city);
            }
            assertThat(rows.isEmpty()).as("no group without requests").isEqualTo(sum == 0);
        }
        if (c.cityStaff() && !responsibleFiltered && c.measures().contains(Measure.OVERDUE_COUNT)) {
            assertThat(sum(rows, "OVERDUE_COUNT")).isEqualTo(report.get("cityAverage").get("values").get("OVERDUE_COUNT").asDouble());
        }
        if (c.cityStaff() && !responsibleFiltered && c.measures().contains(Measure.COUNT) && c.measures().contains(Measure.RESOLVED_PCT)) {
            double resolved = 0;
            for (JsonNode row : rows) {
                resolved += row.get("values").get("RESOLVED_PCT").asDouble() * row.get("values").get("COUNT").asDouble() / 100;
            }
            JsonNode city = report.get("cityAverage").get("values");
            double cityResolved = city.hasNonNull("RESOLVED_PCT") ? city.get("RESOLVED_PCT").asDouble() * city.get("COUNT").asDouble() / 100 : 0;
            assertThat(resolved).as("resolved requests add up: " + c).isCloseTo(cityResolved, within(0.1));
        }

        HttpResponse<String> csv = app.get("/api/v1/reports/export.csv?" + c.parameters(), tokens.get(c.who()));
        assertThat(csv.statusCode()).as("CSV " + c + ": " + csv.body()).isEqualTo(200);
        assertThat(csv.body()).endsWith("\r\n");
        assertThat(csv.body().split("\r\n", -1)).as("a header, a line per group, the city's, the end").hasSize(rows.size() + 3);

        drillDown(c, report);
    }

    /** The figures of one row (or the city's) agree with each other. */
    private static void consistent(Case c, JsonNode v) {
        for (Measure m : List.of(Measure.RESOLVED_PCT, Measure.RESOLVED_ON_TIME_PCT, Measure.REOPEN_RATE_PCT)) {
            if (v.hasNonNull(m.name())) {
                assertThat(v.get(m.name()).asDouble()).as(m + " " + c).isBetween(0.0, 100.0);
            }
        }
        if (v.hasNonNull("RESOLVED_PCT") && v.hasNonNull("RESOLVED_ON_TIME_PCT")) {
            assertThat(v.get("RESOLVED_ON_TIME_PCT").asDouble()).isLessThanOrEqualTo(v.get("RESOLVED_PCT").asDouble());
        }
        if (v.hasNonNull("AVG_RATING")) {
            assertThat(v.get("AVG_RATING").asDouble()).isBetween(1.0, 5.0);
        }
        if (v.hasNonNull("COUNT") && v.hasNonNull("OVERDUE_COUNT")) {
            assertThat(v.get("OVERDUE_COUNT").asDouble()).isBetween(0.0, v.get("COUNT").asDouble());
        }
        for (String stage : List.of("ACCEPT", "START", "COMPLETE", "CONFIRM")) {
            String pct = "STAGE_ON_TIME_PCT." + stage;
            if (v.hasNonNull(pct)) {
                assertThat(v.get(pct).asDouble()).isBetween(0.0, 100.0);
            }
            String median = "STAGE_MEDIAN_MINUTES." + stage;
            String p90 = "STAGE_P90_MINUTES." + stage;
            if (v.hasNonNull(median)) {
                assertThat(v.get(median).asDouble()).isNotNegative();
            }
            if (v.hasNonNull(median) && v.hasNonNull(p90)) {
                assertThat(v.get(median).asDouble()).as(stage + " " + c).isLessThanOrEqualTo(v.get(p90).asDouble());
            }
        }
    }

    /**
     * Drills into one group (or the city's, for city staff) chosen by the case: every subset answers;
     * the requests listed are as many as the count, the resolved share and the overdue count say.
     */
    private static void drillDown(Case c, JsonNode report) {
        JsonNode rows = report.get("rows");
        boolean average = rows.isEmpty() || (c.cityStaff() && c.pick() % 4 == 0);
        if (average && !c.cityStaff()) {
            HttpResponse<String> refused = app.get("/api/v1/reports/requests?" + c.parameters() + "&cityAverage=true",
                                                   tokens.get(c.who()));
            assertThat(refused.statusCode()).as("the city's requests are not theirs to list").isEqualTo(403);
            return;
        }
        JsonNode row = average ? report.get("cityAverage") : rows.get(c.pick() % rows.size());
        StringBuilder cell = new StringBuilder();
        if (average) {
            cell.append("&cityAverage=true");
        } else {
            for (Dimension d : c.dimensions()) {
                JsonNode value = row.get("dimensions").get(d.name());
                cell.append("&cell.").append(d.name()).append('=').append(value.isNull() ? "" : encode(value.asText()));
            }
        }
        Map<String, String> subsets = new LinkedHashMap<>();
        subsets.put("ALL", "COUNT");
        subsets.put("RESOLVED", "RESOLVED_PCT");
        subsets.put("OVERDUE", "OVERDUE_COUNT");
        subsets.put("RATED", "AVG_RATING");
        subsets.put("STAGE_DONE&stage=START", null);
        subsets.put("STAGE_LATE&stage=ACCEPT", null);
        Map<String, Integer> listed = new HashMap<>();
        subsets.forEach((subset, measure) -> {
            HttpResponse<String> response = app.get("/api/v1/reports/requests?" + c.parameters() + cell + "&limit=200&subset=" + subset,
                                                    tokens.get(c.who()));
            assertThat(response.statusCode()).as("drill " + subset + " " + c + ": " + response.body()).isEqualTo(200);
            listed.put(subset, TestApp.json(response).get("items").size());
        });
        JsonNode v = row.get("values");
        double count = v.path("COUNT").isNumber() ? v.get("COUNT").asDouble() : Double.NaN;
        if (!Double.isNaN(count)) {
            assertThat(listed.get("ALL")).as("the requests behind the count: " + c).isEqualTo((int) count);
        }
        if (!Double.isNaN(count) && v.hasNonNull("RESOLVED_PCT")) {
            assertThat(listed.get("RESOLVED")).as("the resolved requests: " + c)
                    .isEqualTo((int) Math.round(v.get("RESOLVED_PCT").asDouble() * count / 100));
        }
        if (v.hasNonNull("OVERDUE_COUNT")) {
            assertThat(listed.get("OVERDUE")).as("the overdue requests: " + c).isEqualTo(v.get("OVERDUE_COUNT").asInt());
        }
        if (c.measures().contains(Measure.AVG_RATING)) {
            assertThat(listed.get("RATED") > 0).as("rated requests exactly when there is an average: " + c)
                    .isEqualTo(v.hasNonNull("AVG_RATING"));
        }
    }

    private static List<Measure> with(Measure first, List<Measure> rest) {
        List<Measure> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static double sum(JsonNode rows, String column) {
        double sum = 0;
        for (JsonNode row : rows) {
            sum += row.get("values").path(column).asDouble(0);
        }
        return sum;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
