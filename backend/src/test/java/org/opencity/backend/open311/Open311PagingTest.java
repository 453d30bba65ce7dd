package org.opencity.backend.open311;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.open311.Open311Client.newRequest;

/**
 * Every list says how long it is ({@code X-Total-Count}) and pages with {@code page} and
 * {@code page_size}; the update feed, oldest first, refuses to cut a window short silently.
 */
@WithApp
class Open311PagingTest {

    private final TestApp app;
    private final Open311Client open311;

    Open311PagingTest(TestApp app) {
        this.app = app;
        this.open311 = new Open311Client(app);
    }

    @Test
    void everyListSaysHowManyItemsItHoldsAndPages() {
        String key = open311.issueKey("paging test");
        open311.post("requests.json", newRequest(key, "plumbing", "Первая заявка для проверки страниц"));
        open311.post("requests.json", newRequest(key, "plumbing", "Вторая заявка для проверки страниц"));
        HttpResponse<String> all = open311.get("requests.json");
        long total = Long.parseLong(all.headers().firstValue("X-Total-Count").orElseThrow());
        assertThat(total).isGreaterThanOrEqualTo(2).isEqualTo(TestApp.json(all).size());
        HttpResponse<String> second = open311.get("requests.json?page=2&page_size=1");
        assertThat(TestApp.json(second)).hasSize(1);
        assertThat(second.headers().firstValue("X-Total-Count")).contains(Long.toString(total));
        assertThat(TestApp.json(second).get(0).get("service_request_id")).isEqualTo(TestApp.json(all).get(1).get("service_request_id"));

        HttpResponse<String> services = open311.get("services.xml?page_size=2");
        assertThat(Open311Client.children(Open311Client.xml(services).getDocumentElement())).hasSize(2);
        assertThat(Long.parseLong(services.headers().firstValue("X-Total-Count").orElseThrow())).isGreaterThan(5);

        HttpResponse<String> updates = open311.get("servicerequestupdates.json?page_size=1");
        assertThat(TestApp.json(updates)).hasSize(1);
        assertThat(updates.headers().firstValue("X-Total-Count").map(Long::parseLong).orElseThrow()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anUpdateWindowLongerThanOneAnswerIsRefusedUnlessTheClientPages() {
        String key = open311.issueKey("busy feed test");
        HttpResponse<String> filed = open311.post("requests.json", newRequest(key, "plumbing", "Заявка с тысячей обновлений"));
        String number = TestApp.json(filed).get(0).get("service_request_id").asText();
        app.database().execute("""
                INSERT INTO request_event (id, request_id, at, kind, actor_role, detail)
                SELECT gen_random_uuid(), r.id, r.created_at - make_interval(secs => %d - g), 'COMMENT', 'ORG_DISPATCHER',
                       jsonb_build_object('text', 'Обновление ' || g)
                FROM request r, generate_series(1, %d) g WHERE r.number = '%s'""".formatted(Open311Service.MAX_PAGE_SIZE + 2,
                                                                           Open311Service.MAX_PAGE_SIZE + 1, number));
        HttpResponse<String> unpaged = open311.get("servicerequestupdates.json");
        assertThat(unpaged.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(unpaged).get(0).get("description").asText()).contains("page_size");
        HttpResponse<String> last = open311.get("servicerequestupdates.json?page=2&page_size=" + Open311Service.MAX_PAGE_SIZE);
        assertThat(last.statusCode()).isEqualTo(200);
        JsonNode rest = TestApp.json(last);
        assertThat(rest.findValuesAsText("description")).as("the newest come on the last page")
                .contains("Обновление " + (Open311Service.MAX_PAGE_SIZE + 1));
        assertThat(Long.parseLong(last.headers().firstValue("X-Total-Count").orElseThrow())).isGreaterThan(Open311Service.MAX_PAGE_SIZE);
    }
}
