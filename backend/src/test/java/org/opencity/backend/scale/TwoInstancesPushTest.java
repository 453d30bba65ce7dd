package org.opencity.backend.scale;

import org.junit.jupiter.api.Test;
import org.opencity.backend.notify.PushMessage;
import org.opencity.backend.testing.TestApp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two backend instances on one database, each with its own push sender and its own push provider
 * stand-in, requests alternating between them: every push is handed to a provider exactly once,
 * whichever instance made the notification and whichever sent it.
 */
class TwoInstancesPushTest {

    @Test
    void noPushIsSentTwiceWhenTwoInstancesSendFromOneQueue() throws Exception {
        try (TestApp a = TestApp.start(true); TestApp b = a.secondNode()) {
            TestApp.Tokens resident = a.newResident();
            HttpResponse<String> registered = b.json("PUT", "/api/v1/me/push-token", Map.of("token", "two-nodes-token-0000000001", "locale", "ru"),
                                                     "Authorization", "Bearer " + resident.access());
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(204);
            TestApp.Tokens dispatcher = a.login("dispatcher");
            String building = a.database().client().execute().query(
                    "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' LIMIT 1")
                    .findFirst().orElseThrow().column(1).get().toString();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                TestApp filer = i % 2 == 0 ? a : b;
                TestApp actor = i % 2 == 0 ? b : a;
                String id = filer.fileRequest(resident, "plumbing", building, "Dripping tap number " + i).get("summary").get("id").asText();
                assertThat(actor.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ACCEPT"), dispatcher).statusCode()).isEqualTo(200);
                ids.add(id);
            }
            long queued = a.database().count("SELECT count(*) FROM push_delivery d JOIN push_token t ON t.device_id = d.device_id "
                                                     + "WHERE t.token = 'two-nodes-token-0000000001'");
            assertThat(queued).as("the resident is told of each acceptance").isGreaterThanOrEqualTo(ids.size());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (sent(a, b).size() < queued && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1_500);   // both senders go round a few more times
            List<UUID> notifications = sent(a, b).stream().map(PushMessage::notificationId).toList();
            assertThat(notifications).hasSize((int) queued).doesNotHaveDuplicates();
            assertThat(a.database().count("SELECT count(*) FROM push_delivery WHERE state = 'SENT'")).isEqualTo(queued);
        }
    }

    private static List<PushMessage> sent(TestApp a, TestApp b) {
        List<PushMessage> all = new ArrayList<>(a.push().accepted());
        all.addAll(b.push().accepted());
        return all;
    }
}
