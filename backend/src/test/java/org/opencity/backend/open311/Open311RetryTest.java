package org.opencity.backend.open311;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.open311.Open311Client.newRequest;

/**
 * A client that lost our answer sends the same thing again: a report with its own id
 * ({@code attribute[fixmystreet_id]}) is filed once and the retry answers the first number; an
 * update with the same {@code update_id} is added once.
 */
@WithApp
class Open311RetryTest {

    private final TestApp app;
    private final Open311Client open311;

    Open311RetryTest(TestApp app) {
        this.app = app;
        this.open311 = new Open311Client(app);
    }

    @Test
    void aReportSentAgainAfterALostAnswerIsFiledOnce() {
        String key = open311.issueKey("FixMyStreet retry test");
        Map<String, String> form = newRequest(key, "plumbing", "Течёт кран на кухне, отчёт 4242");
        form.put("attribute[fixmystreet_id]", "4242");
        open311.post("requests.json", form);   // the answer is lost on the way back
        HttpResponse<String> retry = open311.post("requests.json", form);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        String number = TestApp.json(retry).get(0).get("service_request_id").asText();
        assertThat(app.database().count("SELECT count(*) FROM request WHERE description = 'Течёт кран на кухне, отчёт 4242'"))
                .isEqualTo(1);
        assertThat(app.database().count("SELECT count(*) FROM request WHERE number = '" + number + "'"
                                                + " AND description = 'Течёт кран на кухне, отчёт 4242'")).isEqualTo(1);

        String otherKey = open311.issueKey("another FixMyStreet");
        Map<String, String> sameIdOtherClient = newRequest(otherKey, "plumbing", "Течёт кран на кухне, отчёт 4242");
        sameIdOtherClient.put("attribute[fixmystreet_id]", "4242");
        HttpResponse<String> other = open311.post("requests.json", sameIdOtherClient);
        assertThat(TestApp.json(other).get(0).get("service_request_id").asText()).as("keys are per client").isNotEqualTo(number);
    }

    @Test
    void anUpdateSentAgainAfterALostAnswerIsAddedOnce() {
        String key = open311.issueKey("FixMyStreet update retry test");
        HttpResponse<String> filed = open311.post("requests.json", newRequest(key, "plumbing", "Течёт кран в ванной, обновления"));
        String number = TestApp.json(filed).get(0).get("service_request_id").asText();
        Map<String, String> update = new LinkedHashMap<>();
        update.put("api_key", key);
        update.put("service_request_id", number);
        update.put("update_id", "9001");
        update.put("status", "OPEN");
        update.put("updated_datetime", "2026-11-25T09:05:00+03:00");
        update.put("description", "Житель: вода всё ещё течёт");
        HttpResponse<String> first = open311.post("servicerequestupdates.json", update);
        HttpResponse<String> retry = open311.post("servicerequestupdates.json", update);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(TestApp.json(retry).get(0).get("update_id").asText()).isEqualTo(TestApp.json(first).get(0).get("update_id").asText());
        assertThat(app.database().count("SELECT count(*) FROM request_event WHERE kind = 'COMMENT'"
                                                + " AND detail ->> 'text' = 'Житель: вода всё ещё течёт'")).isEqualTo(1);
        update.put("update_id", "9002");
        assertThat(open311.post("servicerequestupdates.json", update).statusCode()).isEqualTo(200);
        assertThat(app.database().count("SELECT count(*) FROM request_event WHERE kind = 'COMMENT'"
                                                + " AND detail ->> 'text' = 'Житель: вода всё ещё течёт'")).as("a new update id is a new update")
                .isEqualTo(2);
    }

    @Test
    void retriesSentAtTheSameTimeStillFileOnceAndCommentOnce() throws Exception {
        String key = open311.issueKey("FixMyStreet concurrent retry test");
        Map<String, String> form = newRequest(key, "plumbing", "Течёт кран на кухне, отчёт 6060");
        form.put("attribute[fixmystreet_id]", "6060");
        java.util.List<java.util.concurrent.Callable<HttpResponse<String>>> filings = java.util.Collections.nCopies(
                6, () -> open311.post("requests.json", form));
        java.util.Set<String> numbers = new java.util.HashSet<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            for (var answer : pool.invokeAll(filings)) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
                numbers.add(TestApp.json(answer.get()).get(0).get("service_request_id").asText());
            }
        }
        assertThat(numbers).hasSize(1);
        assertThat(app.database().count("SELECT count(*) FROM request WHERE description = 'Течёт кран на кухне, отчёт 6060'")).isEqualTo(1);

        Map<String, String> update = new LinkedHashMap<>();
        update.put("api_key", key);
        update.put("service_request_id", numbers.iterator().next());
        update.put("update_id", "6061");
        update.put("description", "Житель: одновременные повторы");
        java.util.List<java.util.concurrent.Callable<HttpResponse<String>>> updates = java.util.Collections.nCopies(
                6, () -> open311.post("servicerequestupdates.json", update));
        java.util.Set<String> ids = new java.util.HashSet<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            for (var answer : pool.invokeAll(updates)) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
                ids.add(TestApp.json(answer.get()).get(0).get("update_id").asText());
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(app.database().count("SELECT count(*) FROM request_event WHERE kind = 'COMMENT'"
                                                + " AND detail ->> 'text' = 'Житель: одновременные повторы'")).isEqualTo(1);
    }
}
