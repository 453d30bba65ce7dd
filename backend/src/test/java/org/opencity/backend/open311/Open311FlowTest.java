package org.opencity.backend.open311;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.open311.Open311Client.children;
import static org.opencity.backend.open311.Open311Client.newRequest;
import static org.opencity.backend.open311.Open311Client.text;
import static org.opencity.backend.open311.Open311Client.xml;

/**
 * A request filed through Open311 lives the same life as any other: it is routed, staff find it
 * and act on it, and what they do comes back through {@code GET requests} and the update feed.
 */
@WithApp
class Open311FlowTest {

    private final TestApp app;
    private final Open311Client open311;

    Open311FlowTest(TestApp app) {
        this.app = app;
        this.open311 = new Open311Client(app);
    }

    @Test
    void aFiledRequestIsRoutedWorkedOnAndReportedBack() {
        String key = open311.issueKey("FixMyStreet Kazan");
        String since = "?start_date=" + app.clock().instant().minusSeconds(1);
        String building = single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky'"
                                         + " ORDER BY b.street_ru, b.house LIMIT 1");
        Map<String, String> form = newRequest(key, "plumbing", "Течёт стояк в подвале, вода прибывает");
        form.remove("lat");
        form.remove("long");
        form.put("address_id", building);
        form.put("attribute[entrance]", "2");
        HttpResponse<String> filed = open311.post("requests.json", form);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        JsonNode created = TestApp.json(filed).get(0);
        String number = created.get("service_request_id").asText();
        assertThat(created.get("service_notice").asText()).contains("Sent to").contains("+03:00");

        TestApp.Tokens cityDispatcher = app.login("citydispatcher");
        JsonNode found = TestApp.json(app.get("/api/v1/requests?q=" + number, cityDispatcher)).get("items");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("channel").asText()).isEqualTo("OPEN311");
        assertThat(found.get(0).get("status").asText()).isEqualTo("ROUTED");
        assertThat(found.get(0).get("organisationName").asText()).isEqualTo("УК «Жилсервис Вахитовский»");
        String id = found.get(0).get("id").asText();

        TestApp.Tokens dispatcher = app.login("dispatcher");
        JsonNode onTheBoard = TestApp.json(app.get("/api/v1/requests?channel=OPEN311", dispatcher)).get("items");
        assertThat(onTheBoard.findValuesAsText("number")).contains(number);
        JsonNode before = one(number, key);
        assertThat(before.get("agency_responsible").asText()).isNotBlank();
        assertThat(before.get("expected_datetime").asText()).as("the accept deadline").endsWith("+03:00");

        app.clock().advance(Duration.ofMinutes(1));
        act(dispatcher, id, Map.of("action", "ACCEPT"));
        app.clock().advance(Duration.ofMinutes(1));
        act(dispatcher, id, Map.of("action", "ASSIGN", "technicianId", single("SELECT id FROM app_user WHERE login = 'plumber'")));
        java.time.Instant beforeComment = app.clock().instant();
        app.clock().advance(Duration.ofMinutes(1));
        act(dispatcher, id, Map.of("action", "COMMENT", "text", "Сантехник придёт до 14:00"));

        JsonNode after = one(number, key);
        assertThat(after.get("status").asText()).isEqualTo("open");
        assertThat(after.get("status_notes").asText()).isEqualTo("Сантехник придёт до 14:00");
        assertThat(after.get("updated_datetime").asText()).isNotEqualTo(before.get("updated_datetime").asText());
        Document list = xml(open311.get("requests.xml?status=open&service_code=plumbing,heating&agency_responsible=mc-vakhitovsky"));
        assertThat(children(list.getDocumentElement())).extracting(r -> text(r, "service_request_id")).contains(number);
        assertThat(TestApp.json(open311.get("requests.json?status=closed")).findValuesAsText("service_request_id")).doesNotContain(number);

        assertThat(numbers("requests.json?updated_after=" + beforeComment)).contains(number);
        assertThat(numbers("requests.json?updated_before=" + beforeComment)).doesNotContain(number);
        assertThat(numbers("requests.json?service_request_id=" + number + ",KZN-2026-999999&status=closed&service_code=heating"))
                .as("the ids override the other filters").containsExactly(number);
        file(key, "Не горит свет на лестнице, пятый этаж");
        List<String> firstPage = numbers("requests.json?page_size=1");
        assertThat(firstPage).hasSize(1);
        assertThat(numbers("requests.json?page_size=1&page=2")).hasSize(1).doesNotContainAnyElementsOf(firstPage);

        List<String> statuses = updatesOf(number, TestApp.json(open311.get("servicerequestupdates.json" + since)));
        assertThat(statuses).containsSubsequence("OPEN", "INVESTIGATING", "ACTION_SCHEDULED", "ACTION_SCHEDULED");
        Document updatesXml = xml(open311.get("servicerequestupdates.xml" + since));
        List<Element> mine = children(updatesXml.getDocumentElement()).stream()
                .filter(u -> text(u, "service_request_id").equals(number)).toList();
        assertThat(mine.getLast().getElementsByTagName("description").item(0).getTextContent()).isEqualTo("Сантехник придёт до 14:00");
        assertThat(text(mine.get(mine.size() - 2), "external_status_code")).isEqualTo("ASSIGNED");
    }

    @Test
    void aDuplicateIsClosedWithTheExtendedStatus() {
        String key = open311.issueKey("duplicates");
        String since = "?start_date=" + app.clock().instant().minusSeconds(1);
        String first = file(key, "Нет света в подъезде, третий этаж");
        String second = file(key, "В подъезде темно, не горят лампы");
        TestApp.Tokens cityDispatcher = app.login("citydispatcher");
        String firstId = staffId(cityDispatcher, first);
        String secondId = staffId(cityDispatcher, second);
        HttpResponse<String> marked = app.post("/api/v1/requests/" + secondId + "/actions",
                                               Map.of("action", "MARK_DUPLICATE", "duplicateOf", firstId), cityDispatcher);
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
        assertThat(one(second, key).get("status").asText()).isEqualTo("closed");
        assertThat(TestApp.json(open311.get("requests.json?status=closed")).findValuesAsText("service_request_id")).contains(second);
        assertThat(updatesOf(second, TestApp.json(open311.get("servicerequestupdates.json" + since)))).last().isEqualTo("DUPLICATE");
    }

    @Test
    void theSendingSystemPostsAnUpdateThatStaffSeeAndOthersCannotPost() {
        String key = open311.issueKey("FixMyStreet updates");
        String number = file(key, "Не работает домофон во втором подъезде");
        Map<String, String> update = new HashMap<>();
        update.put("api_key", key);
        update.put("service_request_id", number);
        update.put("status", "OPEN");
        update.put("description", "Житель сообщает: домофон теперь пищит, но дверь не открывается");
        update.put("updated_datetime", "2026-11-25T09:30:00+03:00");
        update.put("update_id", "fms-4711");
        HttpResponse<String> posted = open311.post("servicerequestupdates.xml", update);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        Document doc = xml(posted);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("service_request_updates");
        assertThat(text(doc.getDocumentElement(), "update_id")).isNotBlank();
        HttpResponse<String> json = open311.post("servicerequestupdates.json", update);
        assertThat(TestApp.json(json).get(0).get("update_id").asText()).isNotBlank();

        TestApp.Tokens cityDispatcher = app.login("citydispatcher");
        JsonNode detail = TestApp.json(app.get("/api/v1/requests/" + staffId(cityDispatcher, number), cityDispatcher));
        assertThat(detail.get("timeline").toString()).contains("домофон теперь пищит");

        update.put("api_key", open311.issueKey("another system"));
        HttpResponse<String> foreign = open311.post("servicerequestupdates.json", update);
        assertThat(foreign.statusCode()).as("a request another client sent").isEqualTo(404);
        update.put("api_key", key);
        update.put("status", "MAYBE");
        assertThat(open311.post("servicerequestupdates.json", update).statusCode()).isEqualTo(400);
    }

    @Test
    void aWorkPhotoBecomesTheMediaUrlAndTheClientsUrlIsNeverShown() {
        String key = open311.issueKey("photo client");
        Map<String, String> form = newRequest(key, "plumbing", "Течёт кран на кухне, фото по ссылке");
        form.put("media_url", "https://photos.example.org/kitchen.jpg");
        HttpResponse<String> filed = open311.post("requests.json", form);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        String number = TestApp.json(filed).get(0).get("service_request_id").asText();
        assertThat(one(number, key).get("media_url").isNull()).as("the client's URL is not echoed").isTrue();

        TestApp.Tokens cityDispatcher = app.login("citydispatcher");
        String id = staffId(cityDispatcher, number);
        TestApp.Tokens dispatcher = app.login("dispatcher");
        act(dispatcher, id, Map.of("action", "ACCEPT"));
        act(dispatcher, id, Map.of("action", "ASSIGN", "technicianId", single("SELECT id FROM app_user WHERE login = 'plumber'")));
        byte[] jpeg = org.opencity.backend.testing.TestImages.jpeg(800, 600);
        String photo = java.util.UUID.randomUUID().toString();
        TestApp.Tokens plumber = app.login("plumber");
        act(plumber, id, Map.of("action", "START", "photos", List.of(Map.of(
                "id", photo, "kind", "BEFORE", "sha256", org.opencity.backend.testing.TestImages.sha256(jpeg), "size", jpeg.length))));
        HttpResponse<String> uploaded = app.send(java.net.http.HttpRequest.newBuilder(app.uri("/api/v1/photos/" + photo + "/upload?offset=0"))
                                                         .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(jpeg))
                                                         .header("Content-Type", "application/octet-stream")
                                                         .header("Authorization", "Bearer " + plumber.access()).build());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isBetween(200, 204);

        String url = one(number, key).get("media_url").asText();
        assertThat(url).isEqualTo("http://localhost:" + app.port() + "/api/v1/public/photos/" + photo);
        assertThat(text(xml(app.get("/open311/v2/requests/" + number + ".xml")).getDocumentElement(), "media_url")).isEqualTo(url);
        HttpResponse<String> image = app.get(url.substring(url.indexOf("/api/")));
        assertThat(image.statusCode()).as("anyone may fetch it").isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/jpeg");
    }

    private List<String> numbers(String resource) {
        HttpResponse<String> response = open311.get(resource);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApp.json(response).findValuesAsText("service_request_id");
    }

    private String file(String key, String description) {
        HttpResponse<String> filed = open311.post("requests.json", newRequest(key, "entrance-lighting", description));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        return TestApp.json(filed).get(0).get("service_request_id").asText();
    }

    private JsonNode one(String number, String key) {
        HttpResponse<String> response = app.get("/open311/v2/requests/" + number + ".json?api_key=" + key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApp.json(response).get(0);
    }

    private String staffId(TestApp.Tokens staff, String number) {
        return TestApp.json(app.get("/api/v1/requests?q=" + number, staff)).get("items").get(0).get("id").asText();
    }

    private void act(TestApp.Tokens who, String id, Map<String, Object> command) {
        HttpResponse<String> response = app.post("/api/v1/requests/" + id + "/actions", command, who);
        assertThat(response.statusCode()).as(command + ": " + response.body()).isEqualTo(200);
    }

    private static List<String> updatesOf(String number, JsonNode updates) {
        List<String> out = new ArrayList<>();
        updates.forEach(u -> {
            if (u.get("service_request_id").asText().equals(number)) {
                out.add(u.get("status").asText());
            }
        });
        return out;
    }

    private String single(String sql) {
        try (var rows = app.database().client().execute().query(sql)) {
            return rows.findFirst().orElseThrow().column(1).get().toString();
        }
    }
}
