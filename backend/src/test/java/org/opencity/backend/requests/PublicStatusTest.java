package org.opencity.backend.requests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.TestImages;
import org.opencity.backend.testing.WithApp;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.requests.RequestFixtures.action;

/** Anyone may follow a request by its number; nobody learns who reported it or where they live. */
@WithApp
class PublicStatusTest {

    private final TestApp app;
    private final RequestFixtures fixtures;

    PublicStatusTest(TestApp app) {
        this.app = app;
        this.fixtures = new RequestFixtures(app);
    }

    @Test
    void theStatusByNumberShowsStageDatesOrganisationPublicCommentsAndWorkPhotosAndNoPersonalData() throws Exception {
        TestApp.Tokens resident = app.signInResident("+79005554433");
        byte[] reportPhoto = TestImages.jpeg(1200, 900);
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("id", org.opencity.model.Ids.newId().toString());
        body.put("categoryCode", "plumbing");
        body.put("buildingId", fixtures.building("vakhitovsky"));
        body.put("entrance", "3");
        body.put("floor", "7");
        body.put("flat", "84Ж");   // letters too: a bare number could appear by chance in an id
        body.put("description", "Call me, Gulnara, +7 900 555-44-33: water from flat 88Щ above");
        String reportPhotoId = UUID.randomUUID().toString();
        body.put("photos", List.of(Map.of("id", reportPhotoId, "kind", "REPORT", "sha256", TestImages.sha256(reportPhoto),
                                          "size", reportPhoto.length)));
        JsonNode filed = TestApp.json(app.post("/api/v1/requests", body, resident));
        String id = filed.get("summary").get("id").asText();
        String number = filed.get("summary").get("number").asText();
        upload(resident, reportPhotoId, reportPhoto);

        TestApp.Tokens dispatcher = app.login("vakhitovsky.dispatcher");
        TestApp.Tokens plumber = app.login("vakhitovsky.plumber1");
        fixtures.actOk(resident, id, action("COMMENT", "text", "I am at home after 6 pm, my name is Gulnara"));
        fixtures.actOk(dispatcher, id, action("ACCEPT"));
        fixtures.actOk(dispatcher, id, action("COMMENT", "text", "A plumber comes tomorrow morning"));
        fixtures.actOk(dispatcher, id, action("INTERNAL_COMMENT", "text", "Tenant in 88 is difficult, bring the manager"));
        fixtures.actOk(dispatcher, id, action("ASSIGN", "technicianId", plumber.userId().toString()));
        fixtures.actOk(plumber, id, action("START"));
        byte[] after = TestImages.jpegWithExif(2400, 1600);
        String afterId = UUID.randomUUID().toString();
        fixtures.actOk(plumber, id, action("COMPLETE", "note", "Replaced the riser seal", "photos", List.of(Map.of(
                "id", afterId, "kind", "AFTER", "sha256", TestImages.sha256(after), "size", after.length))));
        upload(plumber, afterId, after);

        HttpResponse<String> response = app.get("/api/v1/public/requests/" + number.toLowerCase() + "?lang=en");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode status = TestApp.json(response);
        assertThat(status.get("number").asText()).isEqualTo(number);
        assertThat(status.get("status").asText()).isEqualTo("DONE");
        assertThat(status.get("categoryName").asText()).startsWith("Plumbing");
        assertThat(status.get("organisationName").asText()).isNotBlank();
        assertThat(status.get("stage").asText()).isEqualTo("CONFIRM");
        assertThat(status.get("dueAt").asText()).isNotBlank();
        assertThat(TestApp.values(status.get("history"), "status")).containsSubsequence("NEW", "ROUTED", "ACCEPTED", "ASSIGNED",
                                                                                       "IN_PROGRESS", "DONE");
        assertThat(TestApp.values(status.get("comments"), "text")).containsExactly("A plumber comes tomorrow morning");
        assertThat(status.get("comments").get(0).get("author").asText()).as("the organisation, not the person")
                .isEqualTo(status.get("organisationName").asText());
        assertThat(status.get("photos")).singleElement().satisfies(p -> {
            assertThat(p.get("kind").asText()).isEqualTo("AFTER");
            assertThat(p.get("url").asText()).isEqualTo("/api/v1/public/photos/" + afterId);
        });

        String all = response.body();
        assertThat(all).as("no personal data anywhere").doesNotContain("Gulnara").doesNotContain("555-44-33").doesNotContain("5554433").doesNotContain("kv.")
                .doesNotContain("кв.").doesNotContain("84Ж").doesNotContain("88Щ").doesNotContain(resident.userId().toString())
                .doesNotContain(plumber.userId().toString()).doesNotContain("Plumber 1").doesNotContain("difficult")
                .doesNotContain("water from").doesNotContain(reportPhotoId).doesNotContain("\"entrance\"");

        HttpResponse<byte[]> photo = anonymous("/api/v1/public/photos/" + afterId);
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.headers().firstValue("Content-Type")).contains("image/jpeg");
        BufferedImage display = ImageIO.read(new ByteArrayInputStream(photo.body()));
        assertThat(display.getWidth()).as("the display copy").isEqualTo(1600);
        assertThat(new String(photo.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).as("without EXIF").doesNotContain("GPS");
        assertThat(anonymous("/api/v1/public/photos/" + reportPhotoId).statusCode()).as("the resident's own photo stays private")
                .isEqualTo(404);
    }

    @Test
    void walkingTheSequentialNumbersIsStoppedPerAddress() {
        int answered = 0;
        HttpResponse<String> limited = null;
        for (int n = 1; n <= 120 && limited == null; n++) {
            HttpResponse<String> r = app.get("/api/v1/public/requests/KZN-2026-" + String.format("%06d", n), "X-Forwarded-For", "203.0.113.77");
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                answered++;
            }
        }
        assertThat(limited).as("guessing is cut short").isNotNull();
        assertThat(answered).as("a person checking a few requests is never stopped").isGreaterThanOrEqualTo(20);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(TestApp.json(limited).get("type").asText()).isEqualTo("/problems/rate-limited");
        assertThat(app.get("/api/v1/public/requests/KZN-2026-000001", "X-Forwarded-For", "203.0.113.78").statusCode())
                .as("another address").isNotEqualTo(429);
    }

    @Test
    void theNumberIsFoundAsPeopleTypeIt() {
        String number = app.fileRequest(app.signInResident("+79005554471"), "plumbing", fixtures.building("vakhitovsky"),
                                        "The stairwell light is out").get("summary").get("number").asText();
        String[] parts = number.split("-");   // KZN, 2026, 000301
        String bare = String.valueOf(Long.parseLong(parts[2]));
        for (String typed : List.of(bare, parts[2], parts[0].toLowerCase() + " " + parts[1] + " " + bare,
                                    number, number.toLowerCase(), " " + parts[0] + " - " + parts[1] + " - " + parts[2] + " ",
                                    parts[1] + " " + bare)) {
            HttpResponse<String> r = app.get("/api/v1/public/requests/" + java.net.URLEncoder.encode(typed, java.nio.charset.StandardCharsets.UTF_8)
                                                     .replace("+", "%20"), "X-Forwarded-For", "203.0.113.91");
            assertThat(r.statusCode()).as("'" + typed + "'").isEqualTo(200);
            assertThat(TestApp.json(r).get("number").asText()).as("the canonical number, whatever was typed").isEqualTo(number);
        }
        for (String typed : List.of("999999", parts[0] + " " + parts[1] + " 999999", "XYZ-" + parts[1] + "-" + parts[2], "0", "000000",
                                    "1999 " + bare)) {
            HttpResponse<String> r = app.get("/api/v1/public/requests/" + typed.replace(" ", "%20"), "X-Forwarded-For", "203.0.113.92");
            assertThat(r.statusCode()).as("'" + typed + "'").isEqualTo(404);
            assertThat(TestApp.json(r).get("type").asText()).isEqualTo("/problems/not-found");
        }
    }

    @Test
    void unknownMalformedAndInjectedNumbersAreSimplyNotFound() {
        for (String number : List.of("KZN-2026-999999", "nonsense", "KZN-2026-1'%20OR%20'1'='1", "%3Cscript%3E")) {
            HttpResponse<String> r = app.get("/api/v1/public/requests/" + number);
            assertThat(r.statusCode()).as(number).isEqualTo(404);
            assertThat(TestApp.json(r).get("type").asText()).isEqualTo("/problems/not-found");
        }
        assertThat(anonymous("/api/v1/public/photos/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(anonymous("/api/v1/public/photos/not-a-uuid").statusCode()).isEqualTo(404);
    }

    private void upload(TestApp.Tokens who, String photo, byte[] bytes) {
        HttpResponse<String> r = app.send(HttpRequest.newBuilder(app.uri("/api/v1/photos/" + photo + "/upload?offset=0"))
                                                  .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                                                  .header("Authorization", "Bearer " + who.access()).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private HttpResponse<byte[]> anonymous(String path) {
        return app.http().sendAsync(HttpRequest.newBuilder(app.uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray()).join();
    }
}
