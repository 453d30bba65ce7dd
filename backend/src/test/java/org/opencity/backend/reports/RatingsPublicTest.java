package org.opencity.backend.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Public ratings over request facts (written straight into the request table here: the facts'
 * upkeep is tested in ReportMeasuresTest and ReportBackfillTest). In 2026-Q3:
 * <pre>
 * mc-vakhitovsky 40 requests, all closed, 30 with every stage on time; 4 reopened; 20 rated 5, 20 rated 3
 *                → on time 75 %, reopen 10 %, rating 4.0
 * mc-sovetsky    30 requests: 15 closed on time and rated 2, 15 still waiting (and 5 more in June, outside)
 *                → on time 50 %, reopen 0 %, rating 2.0
 * mc-kirovsky    10 requests → too few to rank
 * </pre>
 */
@WithApp
class RatingsPublicTest {

    private static TestApp built;
    private final TestApp app;
    private final ReportFixtures f;

    RatingsPublicTest(TestApp app) {
        this.app = app;
        this.f = new ReportFixtures(app);
    }

    @BeforeEach
    void dataset() {
        if (built == app) {
            return;
        }
        built = app;
        insert("vakhitovsky", 30, "CLOSED", 0, 0, true, 5, "2026-07-10");
        insert("vakhitovsky", 4, "CLOSED", 1, 1, true, 3, "2026-08-10");
        insert("vakhitovsky", 6, "CLOSED", 1, 0, true, null, "2026-09-10");
        // 20 of the 30 on-time ones rated 5 above; make the other 10 rated 3 so that 20 + 20 = 40 ratings average 4.0
        app.database().client().execute().createUpdate("""
                UPDATE request SET rating = 3 WHERE id IN (SELECT id FROM request WHERE number LIKE 'R-vakhitovsky-%'
                                                           AND late_stages = 0 ORDER BY number LIMIT 10)""").execute();
        app.database().client().execute().createUpdate("""
                UPDATE request SET rating = 3 WHERE number LIKE 'R-vakhitovsky-%' AND late_stages = 1 AND rating IS NULL""").execute();
        insert("sovetsky", 15, "CLOSED", 0, 0, true, 2, "2026-07-20");
        insert("sovetsky", 15, "ROUTED", 0, 0, false, null, "2026-09-29");
        insert("sovetsky", 5, "CLOSED", 0, 0, true, 5, "2026-06-15");
        insert("kirovsky", 10, "CLOSED", 0, 0, true, 5, "2026-08-01");
    }

    private int batch;

    private void insert(String district, int n, String status, int late, int reopened, boolean done, Integer rating, String day) {
        String prefix = "R-" + district + "-" + (++batch) + "-";
        app.database().client().execute().createInsert("""
                INSERT INTO request (id, city_id, number, channel, status, priority, category_id, description, reporter_type,
                                     district_id, address, lat, lon, organisation_id, created_at, updated_at,
                                     late_stages, reopen_count, first_done_at, rating)
                SELECT uuid_v7(), c.id, '%s' || g, 'WEB', '%s', 'ROUTINE', cat.id, 'generated', 'INDIVIDUAL', d.id, 'somewhere',
                       55.79, 49.12, o.id, timestamptz '%s 10:00+03', timestamptz '%s 10:00+03', %d, %d,
                       %s, %s
                FROM generate_series(1, %d) g
                CROSS JOIN (SELECT id FROM city LIMIT 1) c
                CROSS JOIN (SELECT id FROM service_category WHERE code = 'plumbing') cat
                JOIN district d ON d.code = '%s'
                JOIN organisation o ON o.code = 'mc-%s'""".formatted(prefix, status, day, day, late, reopened,
                                                                   done ? "timestamptz '" + day + " 12:00+03'" : "NULL",
                                                                   rating == null ? "NULL" : rating.toString(), n, district, district))
                .execute();
    }

    private static JsonNode org(JsonNode ratings, String code) {
        for (JsonNode o : ratings.get("organisations")) {
            if (o.get("code").asText().equals(code)) {
                return o;
            }
        }
        throw new AssertionError("no " + code);
    }

    private double flats(String code) {
        return Double.parseDouble(f.single("SELECT coalesce(sum(b.flats), 0) FROM building b JOIN organisation o ON o.id = b.managing_org_id "
                                                   + "WHERE o.code = '" + code + "'"));
    }

    @Test
    void indicatorsAndTheCompositeMatchTheMethodWithoutSignIn() {
        HttpResponse<String> response = app.get("/api/v1/public/ratings?period=2026-Q3&lang=en");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode ratings = TestApp.json(response);
        assertThat(ratings.get("from").asText()).isEqualTo("2026-07-01");
        assertThat(ratings.get("to").asText()).isEqualTo("2026-09-30");
        assertThat(ratings.get("minimumRequests").asInt()).isEqualTo(30);
        assertThat(ratings.get("method").asText()).contains("40 %", "30 %", "20 %", "10 %");

        JsonNode v = org(ratings, "mc-vakhitovsky");
        assertThat(v.get("requests").asLong()).isEqualTo(40);
        assertThat(v.get("onTimePct").asDouble()).isEqualTo(75);
        assertThat(v.get("reopenRatePct").asDouble()).isEqualTo(10);
        assertThat(v.get("averageRating").asDouble()).isEqualTo(4.0);
        assertThat(v.get("name").asText()).isEqualTo("Vakhitovsky Housing Service");
        JsonNode s = org(ratings, "mc-sovetsky");
        assertThat(s.get("requests").asLong()).as("June is outside the quarter").isEqualTo(30);
        assertThat(s.get("onTimePct").asDouble()).isEqualTo(50);
        assertThat(s.get("reopenRatePct").asDouble()).isZero();
        assertThat(s.get("averageRating").asDouble()).isEqualTo(2.0);

        double vPer1000 = 40_000 / flats("mc-vakhitovsky");
        double sPer1000 = 30_000 / flats("mc-sovetsky");
        assertThat(v.get("requestsPer1000Flats").asDouble()).isCloseTo(vPer1000, within(0.01));
        assertThat(s.get("requestsPer1000Flats").asDouble()).isCloseTo(sPer1000, within(0.01));
        double vFlatsScore = vPer1000 < sPer1000 ? 1 : 0;   // min-max between the two ranked organisations
        assertThat(v.get("score").asDouble()).isCloseTo(100 * (0.4 * 0.75 + 0.3 * 0.75 + 0.2 * 0.9 + 0.1 * vFlatsScore), within(0.01));
        assertThat(s.get("score").asDouble()).isCloseTo(100 * (0.4 * 0.5 + 0.3 * 0.25 + 0.2 * 1 + 0.1 * (1 - vFlatsScore)),
                                                         within(0.01));
        assertThat(v.get("rank").asInt()).isEqualTo(1);
        assertThat(s.get("rank").asInt()).isEqualTo(2);
        assertThat(v.get("tooFewRequests").asBoolean()).isFalse();
    }

    @Test
    void tooFewRequestsAreMarkedAndRankedAfterTheOthers() {
        JsonNode ratings = TestApp.json(app.get("/api/v1/public/ratings?from=2026-07-01&to=2026-09-30"));
        JsonNode k = org(ratings, "mc-kirovsky");
        assertThat(k.get("tooFewRequests").asBoolean()).isTrue();
        assertThat(k.get("requests").asLong()).isEqualTo(10);
        assertThat(k.get("rank").asInt()).as("first after the two ranked ones: most requests of the rest").isEqualTo(3);
        assertThat(org(ratings, "kazanlift").get("tooFewRequests").asBoolean()).isTrue();
        assertThat(TestApp.values(ratings.get("organisations"), "code")).doesNotContain("housing-committee", "call-centre");
    }

    @Test
    void aMalformedPeriodIsAFieldError() {
        HttpResponse<String> response = app.get("/api/v1/public/ratings?period=2026-Q5");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("period");
        assertThat(app.get("/api/v1/public/ratings?from=2025-01-01&to=2026-09-30").statusCode()).isEqualTo(400);
    }
}
