package org.opencity.backend.open311;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.open311.Open311Client.newRequest;

/**
 * Staff see what an Open311 client sent: which client, its media link, the extra attributes, and
 * the reporter's contact — the last only for the responsible organisation and the assigned technician.
 */
@WithApp
class Open311StaffViewTest {

    private final TestApp app;
    private final Open311Client open311;

    Open311StaffViewTest(TestApp app) {
        this.app = app;
        this.open311 = new Open311Client(app);
    }

    @Test
    void theResponsibleOrganisationSeesTheReporterTheLinkAndTheExtraData() {
        String key = open311.issueKey("FixMyStreet Kazan staff view");
        Map<String, String> form = newRequest(key, "plumbing", "Течёт стояк, звоните заявителю");
        form.remove("lat");
        form.remove("long");
        form.put("address_id", single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky'"
                                              + " ORDER BY b.street_ru, b.house LIMIT 1"));
        form.put("first_name", "Ильдар");
        form.put("last_name", "Сафин");
        form.put("email", "ildar@example.org");
        form.put("phone", "+7 917 123-45-67");
        form.put("media_url", "https://fms.example/photo/42.jpeg");
        form.put("attribute[uprn]", "100023336956");
        form.put("attribute[flat]", "12");
        HttpResponse<String> filed = open311.post("requests.json", form);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        String number = TestApp.json(filed).get(0).get("service_request_id").asText();
        TestApp.Tokens cityDispatcher = app.login("citydispatcher");
        String id = TestApp.json(app.get("/api/v1/requests?q=" + number, cityDispatcher)).get("items").get(0).get("id").asText();

        JsonNode organisation = TestApp.json(app.get("/api/v1/requests/" + id + "/open311", app.login("dispatcher")));
        assertThat(organisation.get("client").asText()).isEqualTo("FixMyStreet Kazan staff view");
        assertThat(organisation.get("mediaUrl").asText()).isEqualTo("https://fms.example/photo/42.jpeg");
        assertThat(organisation.get("extraAttributes").get("uprn").get(0).asText()).isEqualTo("100023336956");
        assertThat(organisation.get("extraAttributes").has("flat")).as("declared ones fill the request's own fields").isFalse();
        assertThat(organisation.get("reporter").get("phone").asText()).isEqualTo("+7 917 123-45-67");
        assertThat(organisation.get("reporter").get("firstName").asText()).isEqualTo("Ильдар");
        assertThat(organisation.get("contactWithheld").asBoolean()).isFalse();

        JsonNode city = TestApp.json(app.get("/api/v1/requests/" + id + "/open311", cityDispatcher));
        assertThat(city.get("client").asText()).isEqualTo("FixMyStreet Kazan staff view");
        assertThat(city.path("reporter").isNull() || city.path("reporter").isMissingNode()).isTrue();
        assertThat(city.get("contactWithheld").asBoolean()).isTrue();
        assertThat(city.toString()).doesNotContain("917", "ildar@");

        assertThat(app.get("/api/v1/requests/" + id + "/open311", app.newResident()).statusCode()).as("not theirs").isEqualTo(404);

        TestApp.Tokens dispatcher = app.login("dispatcher");
        assertThat(app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ACCEPT"), dispatcher).statusCode()).isIn(200, 204);
        assertThat(app.post("/api/v1/requests/" + id + "/actions",
                            Map.of("action", "ASSIGN", "technicianId", single("SELECT id FROM app_user WHERE login = 'plumber'")),
                            dispatcher).statusCode()).isIn(200, 204);
        JsonNode technician = TestApp.json(app.get("/api/v1/requests/" + id + "/open311", app.login("plumber")));
        assertThat(technician.get("reporter").get("phone").asText()).as("the assigned technician may call back")
                .isEqualTo("+7 917 123-45-67");
    }

    @Test
    void aRequestFromAnotherChannelHasNoSubmission() {
        TestApp.Tokens resident = app.newResident();
        String building = single("SELECT id FROM building ORDER BY id LIMIT 1");
        JsonNode filed = app.fileRequest(resident, "plumbing", building, "Течёт кран на кухне, из приложения");
        String id = filed.has("id") ? filed.get("id").asText() : filed.get("summary").get("id").asText();
        assertThat(app.get("/api/v1/requests/" + id + "/open311", app.login("citydispatcher")).statusCode()).isEqualTo(404);
    }

    private String single(String sql) {
        try (var rows = app.database().client().execute().query(sql)) {
            return rows.findFirst().orElseThrow().column(1).get().toString();
        }
    }
}
