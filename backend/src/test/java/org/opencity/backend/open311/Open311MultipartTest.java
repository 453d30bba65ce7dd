package org.opencity.backend.open311;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.TestImages;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.open311.Open311Client.newRequest;

/**
 * {@code multipart/form-data} filings: fields as in a form, each image file kept as a photo of the
 * request after the same checks as an app's upload, anything else refused with a clear error.
 */
@WithApp
class Open311MultipartTest {

    private final TestApp app;
    private final Open311Client open311;

    Open311MultipartTest(TestApp app) {
        this.app = app;
        this.open311 = new Open311Client(app);
    }

    @Test
    void aMultipartFilingKeepsItsFieldsAndItsPhoto() {
        String key = open311.issueKey("multipart test");
        Map<String, String> form = newRequest(key, "plumbing", "Течёт кран на кухне, фото приложено");
        form.put("attribute[flat]", "7");
        HttpResponse<String> filed = open311.multipart("requests.json", form, List.of(
                new Open311Client.FilePart("photo1", "tap.jpeg", "image/jpeg", TestImages.jpeg(800, 600))));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        JsonNode staff = staffView(TestApp.json(filed).get(0).get("service_request_id").asText());
        assertThat(staff.get("description").asText()).isEqualTo("Течёт кран на кухне, фото приложено");
        assertThat(staff.get("flat").asText()).isEqualTo("7");
        assertThat(staff.get("photos")).hasSize(1);
        assertThat(staff.get("photos").get(0).get("stored").asBoolean()).isTrue();
        assertThat(staff.get("photos").get(0).get("kind").asText()).isEqualTo("REPORT");
        String photo = staff.get("photos").get(0).get("id").asText();
        TestApp.Tokens cityDispatcher = app.login("citydispatcher");
        HttpResponse<String> display = app.get("/api/v1/photos/" + photo + "/display", cityDispatcher);
        assertThat(display.statusCode()).as("the display copy is there like any upload's").isEqualTo(200);
    }

    @Test
    void aFileThatIsNotAPhotoRefusesTheRequestNamingIt() {
        String key = open311.issueKey("multipart refusal test");
        Map<String, String> form = newRequest(key, "plumbing", "Течёт кран, с текстовым файлом");
        HttpResponse<String> text = open311.multipart("requests.json", form, List.of(
                new Open311Client.FilePart("attachment", "notes.txt", "text/plain", "не фото".getBytes(StandardCharsets.UTF_8))));
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(text).get(0).get("description").asText()).contains("notes.txt").contains("JPEG");
        HttpResponse<String> disguised = open311.multipart("requests.xml", form, List.of(
                new Open311Client.FilePart("photo1", "photo.jpg", "image/jpeg", TestImages.svgNamedJpg())));
        assertThat(disguised.statusCode()).isEqualTo(400);
        HttpResponse<String> flood = open311.multipart("requests.json", form, List.of(
                new Open311Client.FilePart("photo1", "flood.png", "image/png", TestImages.pixelFloodPng(20_000, 20_000))));
        assertThat(flood.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(flood).get(0).get("description").asText()).contains("pixels");
        HttpResponse<String> broken = open311.raw("requests.json", "multipart/form-data; boundary=abc", "--abc\r\nno headers end");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(broken).get(0).get("description").asText()).contains("multipart");
        assertThat(app.database().count("SELECT count(*) FROM request WHERE description = 'Течёт кран, с текстовым файлом'")).isZero();
    }

    private JsonNode staffView(String number) {
        TestApp.Tokens cityDispatcher = app.login("citydispatcher");
        String id = TestApp.json(app.get("/api/v1/requests?q=" + number, cityDispatcher)).get("items").get(0).get("id").asText();
        return TestApp.json(app.get("/api/v1/requests/" + id, cityDispatcher));
    }
}
