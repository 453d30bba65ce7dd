package org.opencity.backend.open311;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencity.backend.config.LimitSettings;
import org.opencity.backend.testing.TestApp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.open311.Open311Client.newRequest;

/** Open311 clients are limited per key, and a server with several cities needs the jurisdiction. */
class Open311LimitsTest {

    private static TestApp app;
    private static Open311Client open311;

    @BeforeAll
    static void start() {
        // generous per address; 1 request per second, bursts of 3, per user and per API key
        app = TestApp.start(true, s -> s.withLimits(new LimitSettings(100, 100, 1, 3, true, List.of())));
        open311 = new Open311Client(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aKeyIsLimitedWhicheverAddressItComesFrom() {
        String key = open311.issueKey("busy client");
        int ok = 0;
        HttpResponse<String> limited = null;
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = app.get(Open311Client.BASE + "requests.json?page_size=1&api_key=" + key,
                                             "X-Forwarded-For", "203.0.113." + (i + 1));
            if (r.statusCode() == 200) {
                ok++;
            } else {
                limited = r;
            }
        }
        assertThat(ok).isEqualTo(3);
        assertThat(limited).isNotNull();
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        JsonNode error = TestApp.json(limited).get(0);
        assertThat(error.get("code").asInt()).isEqualTo(429);
        assertThat(error.get("description").asText()).contains("api_key");
        app.clock().advance(Duration.ofSeconds(2));
        assertThat(app.get(Open311Client.BASE + "requests.json?page_size=1&api_key=" + key).statusCode()).isEqualTo(200);
    }

    @Test
    void withSeveralCitiesTheJurisdictionIsRequiredUnlessTheKeyNamesIt() {
        app.database().client().execute().dml("""
                INSERT INTO city (id, code, name_en, name_ru, name_tt, timezone, centre_lat, centre_lon, boundary)
                VALUES ('01a22400-0000-7000-8000-000000000001', 'ZLD', 'Zelenodolsk', 'Зеленодольск', 'Яшел Үзән',
                        'Europe/Moscow', 55.85, 48.5, '[[55.8, 48.4], [55.9, 48.4], [55.9, 48.6], [55.8, 48.6]]')""");
        HttpResponse<String> missing = open311.get("services.json");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(missing).get(0).get("description").asText()).contains("jurisdiction_id is required");
        assertThat(open311.get("services.json?jurisdiction_id=kzn").statusCode()).isEqualTo(200);
        assertThat(TestApp.json(open311.get("services.json?jurisdiction_id=ZLD"))).as("a city without categories yet").isEmpty();

        String key = open311.issueKey("Kazan app");
        assertThat(open311.get("services.json?api_key=" + key).statusCode()).as("the key's city").isEqualTo(200);
        Map<String, String> elsewhere = newRequest(key, "plumbing", "Течёт кран на кухне, капает");
        elsewhere.put("jurisdiction_id", "zld");
        HttpResponse<String> foreign = open311.post("requests.json", elsewhere);
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
        assertThat(TestApp.json(foreign).get(0).get("description").asText()).contains("ZLD");
    }
}
