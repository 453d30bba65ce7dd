package org.opencity.backend.open311;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.open311.Open311Client.newRequest;
import static org.opencity.backend.open311.Open311Client.text;
import static org.opencity.backend.open311.Open311Client.xml;

/**
 * What real senders file is taken whole: an unknown service is 404 as the spec says, a missing or
 * long description is accepted, and attributes we do not declare are kept rather than refused.
 */
@WithApp
class Open311IntakeTest {

    private final TestApp app;
    private final Open311Client open311;

    Open311IntakeTest(TestApp app) {
        this.app = app;
        this.open311 = new Open311Client(app);
    }

    @Test
    void anUnknownServiceCodeOnPostIs404() {
        String key = open311.issueKey("unknown service test");
        HttpResponse<String> json = open311.post("requests.json", newRequest(key, "no-such-service", "Течёт кран на кухне"));
        assertThat(json.statusCode()).as(json.body()).isEqualTo(404);
        assertThat(TestApp.json(json).get(0).get("code").asInt()).isEqualTo(404);
        assertThat(TestApp.json(json).get(0).get("description").asText()).contains("no-such-service");
        HttpResponse<String> xml = open311.post("requests.xml", newRequest(key, "no-such-service", "Течёт кран на кухне"));
        assertThat(xml.statusCode()).isEqualTo(404);
        assertThat(text(xml(xml).getDocumentElement(), "code")).isEqualTo("404");
    }

    @Test
    void aRequestWithoutDescriptionShowsTheCategoryNameToStaff() {
        String key = open311.issueKey("no description test");
        Map<String, String> form = newRequest(key, "plumbing", "");
        form.remove("description");
        HttpResponse<String> filed = open311.post("requests.json", form);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        JsonNode staff = staffView(TestApp.json(filed).get(0).get("service_request_id").asText());
        String categoryName = staff.get("summary").get("categoryName").asText();
        assertThat(staff.get("description").asText()).isEqualTo(categoryName).isNotBlank();
    }

    @Test
    void aShortOrLongDescriptionUpTo4000CharactersArrivesWhole() {
        String key = open311.issueKey("long description test");
        String longText = ("Яма на дороге у дома 10, глубокая, машины объезжают по встречной. ").repeat(80).substring(0, 4000);
        HttpResponse<String> filed = open311.post("requests.json", newRequest(key, "plumbing", longText));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        assertThat(staffView(TestApp.json(filed).get(0).get("service_request_id").asText()).get("description").asText())
                .isEqualTo(longText.strip());
        HttpResponse<String> shortOne = open311.post("requests.json", newRequest(key, "plumbing", "кран"));
        assertThat(shortOne.statusCode()).as(shortOne.body()).isEqualTo(200);
        HttpResponse<String> tooLong = open311.post("requests.json", newRequest(key, "plumbing", longText + "!"));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(tooLong).get(0).get("description").asText()).contains("description").contains("4000");
    }

    @Test
    void undeclaredAttributesAreKeptWithTheRequestAndDoNotChangeRouting() {
        String key = open311.issueKey("FixMyStreet attributes test");
        Map<String, String> plain = newRequest(key, "plumbing", "Течёт кран на кухне, без атрибутов");
        Map<String, String> extra = newRequest(key, "plumbing", "Течёт кран на кухне, с атрибутами");
        extra.put("attribute[uprn]", "100023336956");
        extra.put("attribute[colour]", "red");
        extra.put("attribute[flat]", "12");
        HttpResponse<String> a = open311.post("requests.json", plain);
        HttpResponse<String> b = open311.post("requests.json", extra);
        assertThat(b.statusCode()).as(b.body()).isEqualTo(200);
        JsonNode withExtra = staffView(TestApp.json(b).get(0).get("service_request_id").asText());
        JsonNode without = staffView(TestApp.json(a).get(0).get("service_request_id").asText());
        assertThat(withExtra.get("summary").get("organisationId")).isEqualTo(without.get("summary").get("organisationId"));
        assertThat(withExtra.get("flat").asText()).as("a declared attribute still fills its field").isEqualTo("12");
        assertThat(app.database().count("SELECT count(*) FROM open311_submission s JOIN request r ON r.id = s.request_id"
                                                + " WHERE r.description = 'Течёт кран на кухне, с атрибутами'"
                                                + " AND s.attributes -> 'uprn' ->> 0 = '100023336956' AND s.attributes -> 'colour' ->> 0 = 'red'"))
                .isEqualTo(1);
        Map<String, String> tooLong = newRequest(key, "plumbing", "Течёт кран на кухне");
        tooLong.put("attribute[flat]", "1".repeat(11));
        assertThat(open311.post("requests.json", tooLong).statusCode()).as("declared ones are checked as before").isEqualTo(400);
        Map<String, String> hugeExtra = newRequest(key, "plumbing", "Течёт кран на кухне, огромный атрибут");
        hugeExtra.put("attribute[notes]", "x".repeat(Open311Filings.MAX_EXTRA_VALUE + 1));
        assertThat(open311.post("requests.json", hugeExtra).statusCode()).as("undeclared ones are kept, so bounded").isEqualTo(400);
    }

    private JsonNode staffView(String number) {
        TestApp.Tokens cityDispatcher = app.login("citydispatcher");
        String id = TestApp.json(app.get("/api/v1/requests?q=" + number, cityDispatcher)).get("items").get(0).get("id").asText();
        return TestApp.json(app.get("/api/v1/requests/" + id, cityDispatcher));
    }
}
