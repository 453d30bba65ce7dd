package org.opencity.backend.reports;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV exports: byte-order mark, quoting, formula injection, scope, and a long export streamed with little memory. */
@WithApp
class ExportCsvTest {

    private final TestApp app;
    private final ReportFixtures f;

    ExportCsvTest(TestApp app) {
        this.app = app;
        this.f = new ReportFixtures(app);
    }

    @Test
    void cellsAreQuotedAndFormulasDefused() {
        assertThat(CsvWriter.escape("plain")).isEqualTo("plain");
        assertThat(CsvWriter.escape("a, b")).isEqualTo("\"a, b\"");
        assertThat(CsvWriter.escape("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvWriter.escape("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvWriter.escape("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvWriter.escape("+7 900")).isEqualTo("'+7 900");
        assertThat(CsvWriter.escape("-2")).isEqualTo("'-2");
        assertThat(CsvWriter.escape("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvWriter.escape("\tx")).isEqualTo("'\tx");
        assertThat(CsvWriter.escape("\rx")).isEqualTo("\"'\rx\"");
        assertThat(CsvWriter.escape("=HYPERLINK(\"http://evil\",\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
    }

    @Test
    void aRequestExportHasABomAHeaderAndDefusedQuotedText() {
        TestApp.Tokens resident = app.newResident();
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("id", org.opencity.model.Ids.newId().toString());
        body.put("categoryCode", "plumbing");
        body.put("buildingId", f.single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id "
                                                + "WHERE d.code = 'kirovsky' ORDER BY b.street_ru LIMIT 1"));
        body.put("description", "=HYPERLINK(\"http://evil.example\",\"click\"), then \"water\"\neverywhere");
        assertThat(app.post("/api/v1/requests", body, resident).statusCode()).isEqualTo(201);

        HttpResponse<byte[]> response = bytes("/api/v1/requests/export.csv?district=kirovsky", app.login("citydispatcher"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        byte[] csv = response.body();
        assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith("number,created_at,status,priority,channel,category,district,address,flat,organisation,"
                                            + "reporter_type,stage,due_at,closed_at,rating,description\r\n");
        assertThat(text).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\"), then \"\"water\"\"\neverywhere\"\r\n");
        assertThat(text).contains(",ROUTED,ROUTINE,MOBILE,plumbing,kirovsky,");
    }

    @Test
    void anOrganisationExportsOnlyItsOwnRequests() {
        f.file("+79550000201", "vakhitovsky");
        f.file("+79550000202", "sovetsky");
        String mine = new String(bytes("/api/v1/requests/export.csv", app.login("dispatcher")).body(), StandardCharsets.UTF_8);
        assertThat(mine).contains("mc-vakhitovsky").doesNotContain("mc-sovetsky");
        assertThat(bytes("/api/v1/requests/export.csv", app.login("plumber")).statusCode()).isEqualTo(403);
    }

    @Test
    void aReportExportEndsWithTheCityAverage() {
        f.file("+79550000203", "vakhitovsky");
        HttpResponse<byte[]> response = bytes("/api/v1/reports/export.csv?dimensions=ORGANISATION&measures=COUNT,STAGE_ON_TIME_PCT"
                                                      + "&filter.CATEGORY=plumbing&from=2026-11-01&to=2026-11-30", app.login("dispatcher"));
        assertThat(response.statusCode()).isEqualTo(200);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("\uFEFFORGANISATION,COUNT,STAGE_ON_TIME_PCT.ACCEPT,STAGE_ON_TIME_PCT.START,"
                                                       + "STAGE_ON_TIME_PCT.COMPLETE,STAGE_ON_TIME_PCT.CONFIRM");
        assertThat(lines).anyMatch(l -> l.startsWith("mc-vakhitovsky,"));
        assertThat(lines.getLast()).startsWith("(city average),");
        assertThat(bytes("/api/v1/reports/export.csv?measures=NOPE", app.login("dispatcher")).statusCode()).isEqualTo(400);
    }

    /**
     * 200,000 generated requests stream out complete while the heap the export holds stays flat.
     * The figure printed is the most the live heap (used after a full collection) rose above its level
     * before the export, sampled every 40,000 rows while the client reads; server and client share
     * this JVM, so it bounds both. The export's size is printed next to it for scale.
     */
    @Test
    void aLongExportStreamsEveryRowInLittleMemory() throws IOException, InterruptedException {
        int rows = 200_000;
        app.database().client().execute().createInsert("""
                INSERT INTO request (id, city_id, number, channel, status, priority, category_id, description, reporter_type,
                                     district_id, address, lat, lon, organisation_id, created_at, updated_at, closed_at)
                SELECT uuid_v7(), c.id, 'GEN-2025-' || lpad(CAST(g AS text), 7, '0'), 'WEB', 'CLOSED', 'ROUTINE', cat.id,
                       'Generated request number ' || g || ', with a comma and "quotes"', 'INDIVIDUAL', d.id,
                       'Generated street ' || g, 55.79, 49.12, o.id,
                       timestamptz '2025-01-01 00:00Z' + g * interval '1 minute', timestamptz '2025-06-01 00:00Z',
                       timestamptz '2025-06-01 00:00Z'
                FROM generate_series(1, :rows) g
                CROSS JOIN (SELECT id FROM city LIMIT 1) c
                CROSS JOIN (SELECT id FROM service_category WHERE code = 'plumbing') cat
                CROSS JOIN (SELECT id FROM district WHERE code = 'moskovsky') d
                CROSS JOIN (SELECT id FROM organisation WHERE code = 'mc-moskovsky') o""").addParam("rows", rows).execute();
        TestApp.Tokens city = app.login("citydispatcher");
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        long peak = 0;
        long lines = 0;
        long chars = 0;
        String last = null;
        HttpResponse<InputStream> response = app.http().send(
                HttpRequest.newBuilder(app.uri("/api/v1/requests/export.csv?district=moskovsky&from=2025-01-01&to=2025-12-31"))
                        .header("Authorization", "Bearer " + city.access()).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines++;
                chars += line.length() + 2;
                last = line;
                if (lines % 40_000 == 0) {
                    System.gc();
                    peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory() - before);
                }
            }
        }
        System.out.printf("EXPORT %d rows, %.1f MB of CSV: live heap rose at most %.1f MB above %.1f MB before%n", rows,
                          chars / 1e6, peak / 1e6, before / 1e6);
        assertThat(lines).as("header and every row").isEqualTo(rows + 1);
        assertThat(last).startsWith("GEN-2025-0200000,");
    }

    private HttpResponse<byte[]> bytes(String path, TestApp.Tokens who) {
        try {
            return app.http().send(HttpRequest.newBuilder(app.uri(path)).header("Authorization", "Bearer " + who.access())
                                           .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
