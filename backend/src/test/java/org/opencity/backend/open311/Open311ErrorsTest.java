package org.opencity.backend.open311;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.w3c.dom.Document;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.open311.Open311Client.childNames;
import static org.opencity.backend.open311.Open311Client.children;
import static org.opencity.backend.open311.Open311Client.newRequest;
import static org.opencity.backend.open311.Open311Client.text;
import static org.opencity.backend.open311.Open311Client.xml;

/** Every Open311 error in the spec's format (XML list or JSON array), with the spec's status codes. */
@WithApp
class Open311ErrorsTest {

    private final TestApp app;
    private final Open311Client open311;

    Open311ErrorsTest(TestApp app) {
        this.app = app;
        this.open311 = new Open311Client(app);
    }

    @Test
    void filingWithoutAnApiKeyIs403InTheXmlErrorFormat() {
        Map<String, String> form = newRequest("", "plumbing", "Течёт кран на кухне");
        form.remove("api_key");
        HttpResponse<String> response = open311.post("requests.xml", form);
        assertXmlError(response, 403, "api_key");
    }

    @Test
    void aBadOrRevokedApiKeyIs403InBothFormats() {
        assertJsonError(open311.post("requests.json", newRequest("ock_" + "x".repeat(43), "plumbing", "Течёт кран на кухне")), 403,
                        "api_key");
        assertXmlError(open311.post("requests.xml", newRequest("not-a-key", "plumbing", "Течёт кран на кухне")), 403, "api_key");
        assertJsonError(open311.post("servicerequestupdates.json", Map.of("service_request_id", "KZN-2026-000001",
                                                                          "description", "fixed")), 403, "api_key");
        assertJsonError(open311.get("requests.json?api_key=wrong"), 403, "api_key");
        TestApp.Tokens admin = app.loginCityAdmin();
        String key = TestApp.json(app.post("/api/v1/admin/api-clients", Map.of("name", "to revoke"), admin)).get("key").asText();
        String clientId = TestApp.json(app.get("/api/v1/admin/api-clients", admin)).findValues("id").getLast().asText();
        assertThat(app.delete("/api/v1/admin/api-clients/" + clientId, admin).statusCode()).isEqualTo(200);
        assertJsonError(open311.post("requests.json", newRequest(key, "plumbing", "Течёт кран на кухне")), 403, "api_key");
    }

    @Test
    void anUnknownJurisdictionIs404() {
        String key = open311.issueKey("jurisdiction test");
        Map<String, String> form = newRequest(key, "plumbing", "Течёт кран на кухне");
        form.put("jurisdiction_id", "atlantis");
        assertXmlError(open311.post("requests.xml", form), 404, "jurisdiction_id");
        assertJsonError(open311.get("services.json?jurisdiction_id=atlantis"), 404, "jurisdiction_id");
        assertJsonError(open311.get("requests.json?jurisdiction_id=atlantis"), 404, "jurisdiction_id");
        assertThat(open311.get("services.json?jurisdiction_id=KZN").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownServiceCodeIs404AsAResourceOrWhenFilingAnd400AsAFilter() {
        assertXmlError(open311.get("services/teleportation.xml"), 404, "service_code");
        assertJsonError(open311.get("services/teleportation.json"), 404, "service_code");
        String key = open311.issueKey("service test");
        assertJsonError(open311.post("requests.json", newRequest(key, "teleportation", "Течёт кран на кухне")), 404, "service_code");
        Map<String, String> noService = newRequest(key, "plumbing", "Течёт кран на кухне");
        noService.remove("service_code");
        assertXmlError(open311.post("requests.xml", noService), 400, "service_code");
        assertJsonError(open311.get("requests.json?service_code=plumbing,teleportation"), 400, "teleportation");
    }

    @Test
    void badDatesAndTooWideWindowsAre400() {
        assertXmlError(open311.get("requests.xml?start_date=yesterday"), 400, "start_date");
        assertJsonError(open311.get("requests.json?end_date=2026-11-25"), 400, "end_date");
        assertJsonError(open311.get("requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"), 400, "90 days");
        assertJsonError(open311.get("requests.json?start_date=2026-11-25T00:00:00Z&end_date=2026-11-01T00:00:00Z"), 400, "before");
        assertJsonError(open311.get("servicerequestupdates.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z"), 400,
                        "90 days");
        assertJsonError(open311.get("requests.json?updated_after=soon"), 400, "updated_after");
        assertThat(open311.get("requests.json?start_date=2026-09-01T00:00:00%2B03:00&end_date=2026-11-28T00:00:00%2B03:00")
                           .statusCode()).as("89 days").isEqualTo(200);
    }

    @Test
    void otherBadParametersAre400() {
        assertJsonError(open311.get("requests.json?status=pending"), 400, "status");
        assertJsonError(open311.get("requests.json?page_size=5000"), 400, "page_size");
        assertJsonError(open311.get("requests.json?page=0"), 400, "page");
        String key = open311.issueKey("validation test");
        Map<String, String> noPlace = newRequest(key, "plumbing", "Течёт кран на кухне");
        noPlace.remove("lat");
        noPlace.remove("long");
        assertJsonError(open311.post("requests.json", noPlace), 400, "location");
        Map<String, String> halfPlace = newRequest(key, "plumbing", "Течёт кран на кухне");
        halfPlace.remove("long");
        assertJsonError(open311.post("requests.json", halfPlace), 400, "lat and long");
        Map<String, String> outside = newRequest(key, "plumbing", "Течёт кран на кухне");
        outside.put("lat", "59.93");
        outside.put("long", "30.31");
        assertJsonError(open311.post("requests.json", outside), 400, "outside the city");
        Map<String, String> longAttribute = newRequest(key, "plumbing", "Течёт кран на кухне");
        longAttribute.put("attribute[entrance]", "1".repeat(11));
        assertJsonError(open311.post("requests.json", longAttribute), 400, "attribute[entrance]");
        Map<String, String> longText = newRequest(key, "plumbing", "Течёт кран на кухне" + "!".repeat(4000));
        assertJsonError(open311.post("requests.json", longText), 400, "description");
        Map<String, String> badMedia = newRequest(key, "plumbing", "Течёт кран на кухне");
        badMedia.put("media_url", "file:///etc/passwd");
        assertJsonError(open311.post("requests.json", badMedia), 400, "media_url");
        Map<String, String> badBuilding = newRequest(key, "plumbing", "Течёт кран на кухне");
        badBuilding.put("address_id", "12");
        assertJsonError(open311.post("requests.json", badBuilding), 400, "address_id");
        assertThat(app.database().count("SELECT count(*) FROM request WHERE channel = 'OPEN311' AND description = 'Течёт кран на кухне'"))
                .as("nothing filed").isZero();
    }

    @Test
    void anUnknownRequestOrResourceIs404() {
        assertXmlError(open311.get("requests/KZN-2026-999999.xml"), 404, "KZN-2026-999999");
        assertJsonError(open311.get("requests/KZN-2026-999999.json"), 404, "KZN-2026-999999");
        assertXmlError(open311.get("requests.csv"), 404, "format");
        assertXmlError(open311.get("tokens/abc.xml"), 404, "Open311");
        String key = open311.issueKey("update test");
        assertJsonError(open311.post("servicerequestupdates.json", Map.of("api_key", key, "service_request_id", "KZN-2026-999999",
                                                                          "description", "fixed")), 404, "KZN-2026-999999");
    }

    @Test
    void anEmptyParameterBehavesLikeAnAbsentOne() {
        String key = open311.issueKey("empty params");
        Map<String, String> form = newRequest(key, "plumbing", "Течёт кран на кухне, капает");
        form.put("jurisdiction_id", "");
        form.put("address_id", "");
        form.put("first_name", "");
        form.put("media_url", "");
        form.put("attribute[flat]", "");
        assertThat(open311.post("requests.json", form).statusCode()).isEqualTo(200);
        String all = open311.get("requests.json").body();
        assertThat(open311.get("requests.json?service_request_id=&service_code=&status=&start_date=&end_date=&page=&page_size="
                                       + "&jurisdiction_id=&agency_responsible=&updated_after=").body()).isEqualTo(all);
        assertThat(open311.get("services.json?jurisdiction_id=").body()).isEqualTo(open311.get("services.json").body());
        Map<String, String> emptyKey = newRequest("", "plumbing", "Течёт кран на кухне, капает");
        assertJsonError(open311.post("requests.json", emptyKey), 403, "api_key is required");
    }

    @Test
    void errorsOutsideOpen311StayProblemDocuments() {
        HttpResponse<String> response = app.get("/api/v1/nothing-here");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/problem+json");
    }

    private static void assertXmlError(HttpResponse<String> response, int code, String mentions) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(code);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/xml");
        assertThat(response.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        Document doc = xml(response);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("errors");
        assertThat(childNames(doc.getDocumentElement())).containsExactly("error");
        assertThat(childNames(children(doc.getDocumentElement()).getFirst())).containsExactly("code", "description");
        assertThat(text(doc.getDocumentElement(), "code")).isEqualTo(Integer.toString(code));
        assertThat(text(doc.getDocumentElement(), "description")).contains(mentions);
    }

    private static void assertJsonError(HttpResponse<String> response, int code, String mentions) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(code);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode body = TestApp.json(response);
        assertThat(body.isArray()).isTrue();
        assertThat(body.size()).isEqualTo(1);
        assertThat(Open311Client.fieldNames(body.get(0))).containsExactly("code", "description");
        assertThat(body.get(0).get("code").asInt()).isEqualTo(code);
        assertThat(body.get(0).get("description").asText()).contains(mentions);
    }
}
