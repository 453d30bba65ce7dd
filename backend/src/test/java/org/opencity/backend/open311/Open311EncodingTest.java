package org.opencity.backend.open311;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.open311.Open311Client.text;
import static org.opencity.backend.open311.Open311Client.xml;

/**
 * Text arrives as the client meant it or not at all: a declared charset is honoured, malformed
 * UTF-8 and Cyrillic that became question marks are refused in the spec's error format, naming the
 * field, so that no dispatcher ever reads "???????? ? ???????".
 */
@WithApp
class Open311EncodingTest {

    private final TestApp app;
    private final Open311Client open311;

    Open311EncodingTest(TestApp app) {
        this.app = app;
        this.open311 = new Open311Client(app);
    }

    @Test
    void aDeclaredIso88591CharsetIsHonoured() {
        String key = open311.issueKey("Latin-1 client");
        HttpResponse<String> filed = open311.raw("requests.json", "application/x-www-form-urlencoded; charset=ISO-8859-1",
                                                 form(key, "Café fermé, l'évier fuit depuis hier", StandardCharsets.ISO_8859_1));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        assertThat(app.database().count("SELECT count(*) FROM request WHERE description = 'Café fermé, l''évier fuit depuis hier'"))
                .isEqualTo(1);
    }

    @Test
    void cyrillicSentAsIso88591ArrivesAsQuestionMarksAndIsRefused() {
        String key = open311.issueKey("broken Latin-1 client");
        String body = form(key, "Течёт кран на кухне", StandardCharsets.ISO_8859_1);
        assertThat(body).contains("%3F%3F%3F%3F");
        HttpResponse<String> json = open311.raw("requests.json", "application/x-www-form-urlencoded", body);
        assertThat(json.statusCode()).isEqualTo(400);
        JsonNode error = TestApp.json(json).get(0);
        assertThat(error.get("code").asInt()).isEqualTo(400);
        assertThat(error.get("description").asText()).isEqualTo("description: the text arrived as question marks; send UTF-8");
        HttpResponse<String> xml = open311.raw("requests.xml", "application/x-www-form-urlencoded", body);
        assertThat(xml.statusCode()).isEqualTo(400);
        assertThat(text(xml(xml).getDocumentElement(), "description")).contains("the text arrived as question marks; send UTF-8");
        assertThat(app.database().count("SELECT count(*) FROM request WHERE description LIKE '%????%'")).isZero();
        HttpResponse<String> question = open311.raw("requests.json", "application/x-www-form-urlencoded",
                                                    form(key, "Кран течёт уже неделю???? Когда починят", StandardCharsets.UTF_8));
        assertThat(question.statusCode()).as("a real question with many marks still passes").isEqualTo(200);
    }

    @Test
    void malformedUtf8IsRefusedNamingTheField() {
        String key = open311.issueKey("malformed client");
        String body = "api_key=" + key + "&service_code=plumbing&lat=55.7903&long=49.1347&description=%D0%A2%D0%B5%C3%28%D1%87%D1%91%D1%82+%D0%BA%D1%80%D0%B0%D0%BD";
        HttpResponse<String> json = open311.raw("requests.json", "application/x-www-form-urlencoded", body);
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(json).get(0).get("description").asText()).startsWith("description:").contains("UTF-8");
        HttpResponse<String> xml = open311.raw("requests.xml", "application/x-www-form-urlencoded; charset=utf-8", body);
        assertThat(xml.statusCode()).isEqualTo(400);
        assertThat(text(xml(xml).getDocumentElement(), "description")).startsWith("description:");
        HttpResponse<String> unknownCharset = open311.raw("requests.json", "application/x-www-form-urlencoded; charset=klingon", body);
        assertThat(unknownCharset.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(unknownCharset).get(0).get("description").asText()).contains("charset");
    }

    private static String form(String key, String description, Charset charset) {
        return "api_key=" + key + "&service_code=plumbing&lat=55.7903&long=49.1347&description=" + URLEncoder.encode(description, charset);
    }
}
