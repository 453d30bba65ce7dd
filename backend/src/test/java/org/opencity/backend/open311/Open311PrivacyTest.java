package org.opencity.backend.open311;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.open311.Open311Client.childNames;
import static org.opencity.backend.open311.Open311Client.children;
import static org.opencity.backend.open311.Open311Client.fieldNames;
import static org.opencity.backend.open311.Open311Client.newRequest;
import static org.opencity.backend.open311.Open311Client.text;
import static org.opencity.backend.open311.Open311Client.xml;

/**
 * Nothing personal leaves through Open311: the exact field sets of requests and updates, the
 * reporter's details kept but never written out, and XML input that cannot reach files.
 */
@WithApp
class Open311PrivacyTest {

    /** The snapshot: a new field in the output must be added here, deliberately. */
    private static final List<String> REQUEST_FIELDS = List.of(
            "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
            "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
            "lat", "long", "media_url");
    private static final List<String> UPDATE_FIELDS = List.of(
            "update_id", "service_request_id", "status", "updated_datetime", "description", "media_url", "external_status_code");

    private final TestApp app;
    private final Open311Client open311;

    Open311PrivacyTest(TestApp app) {
        this.app = app;
        this.open311 = new Open311Client(app);
    }

    @Test
    void requestsAndUpdatesCarryExactlyTheSnapshotFieldsAndNoReporterDetails() {
        String key = open311.issueKey("privacy client");
        String building = single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky'"
                                         + " ORDER BY b.street_ru, b.house LIMIT 1");
        Map<String, String> form = newRequest(key, "plumbing", "Звоните Ивану Петровичу, кв. 77, тел. +79171234567");
        form.remove("lat");
        form.remove("long");
        form.put("address_id", building);
        form.put("attribute[flat]", "77");
        form.put("attribute[entrance]", "3");
        form.put("first_name", "Иван");
        form.put("last_name", "Петрович-Секретный");
        form.put("email", "ivan.secret@example.org");
        form.put("phone", "+79171234567");
        form.put("media_url", "https://photos.example.org/secret-face.jpg");
        HttpResponse<String> filed = open311.post("requests.json", form);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        String number = TestApp.json(filed).get(0).get("service_request_id").asText();
        assertThat(app.database().count("SELECT count(*) FROM open311_submission s JOIN request r ON r.id = s.request_id WHERE r.number = '"
                                                + number + "' AND s.email = 'ivan.secret@example.org' AND s.media_url LIKE 'https://photos%'"))
                .as("kept for staff").isEqualTo(1);

        HttpResponse<String> anonymousXml = open311.get("requests.xml");
        HttpResponse<String> anonymousJson = open311.get("requests.json");
        HttpResponse<String> updatesXml = open311.get("servicerequestupdates.xml");
        HttpResponse<String> updatesJson = open311.get("servicerequestupdates.json");
        HttpResponse<String> ownJson = app.get("/open311/v2/requests/" + number + ".json?api_key=" + key);
        for (HttpResponse<String> response : List.of(anonymousXml, anonymousJson, updatesXml, updatesJson)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).doesNotContain("Секретный", "ivan.secret", "secret-face", "кв. 77", "79171234567");
        }
        assertThat(ownJson.statusCode()).isEqualTo(200);
        assertThat(ownJson.body()).as("the sender sees its description, nothing more").doesNotContain("Секретный", "ivan.secret",
                                                                                                     "secret-face");

        Document xml = xml(anonymousXml);
        assertThat(children(xml.getDocumentElement())).isNotEmpty().allSatisfy(request -> {
            assertThat(request.getTagName()).isEqualTo("request");
            assertThat(childNames(request)).containsExactlyElementsOf(REQUEST_FIELDS);
        });
        JsonNode json = TestApp.json(anonymousJson);
        assertThat(json.size()).isEqualTo(children(xml.getDocumentElement()).size());
        json.forEach(request -> assertThat(fieldNames(request)).containsExactlyElementsOf(REQUEST_FIELDS));
        JsonNode own = TestApp.json(ownJson).get(0);
        assertThat(fieldNames(own)).containsExactlyElementsOf(REQUEST_FIELDS);
        assertThat(own.get("description").asText()).contains("79171234567");
        assertThat(own.get("address_id").asText()).isEqualTo(building);
        assertThat(own.get("address").asText()).doesNotContain("кв.");
        Element mine = children(xml.getDocumentElement()).stream().filter(r -> text(r, "service_request_id").equals(number))
                .findFirst().orElseThrow();
        assertThat(text(mine, "description")).isEmpty();

        Document updates = xml(updatesXml);
        assertThat(updates.getDocumentElement().getTagName()).isEqualTo("service_request_updates");
        assertThat(children(updates.getDocumentElement())).isNotEmpty().allSatisfy(update -> {
            assertThat(update.getTagName()).isEqualTo("request_update");
            assertThat(childNames(update)).containsExactlyElementsOf(UPDATE_FIELDS);
        });
        TestApp.json(updatesJson).forEach(update -> assertThat(fieldNames(update)).containsExactlyElementsOf(UPDATE_FIELDS));
        assertThat(Open311Requests.REQUEST_FIELDS).containsExactlyElementsOf(REQUEST_FIELDS);
        assertThat(Open311Requests.UPDATE_FIELDS).containsExactlyElementsOf(UPDATE_FIELDS);
    }

    @Test
    void anXmlBodyWithADoctypeIsRefusedAndNoEntityIsResolved() {
        String key = open311.issueKey("xxe client");
        String xxe = """
                <?xml version="1.0" encoding="utf-8"?>
                <!DOCTYPE request [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <request><api_key>%s</api_key><service_code>plumbing</service_code><lat>55.7903</lat><long>49.1347</long>
                <description>&secret; leaks here</description></request>""".formatted(key);
        for (String format : List.of("xml", "json")) {
            HttpResponse<String> response = open311.raw("requests." + format, "application/xml", xxe);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.body()).contains("DOCTYPE").doesNotContain("root:");
        }
        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <request><description>&lol2;</description></request>""";
        assertThat(open311.raw("servicerequestupdates.xml", "text/xml", bomb).statusCode()).isEqualTo(400);
        assertThat(app.database().count("SELECT count(*) FROM request WHERE description LIKE '%leaks here%' OR description LIKE '%root:%'"))
                .isZero();
    }

    @Test
    void aPlainXmlBodyIsAcceptedAsParameters() {
        String key = open311.issueKey("xml body client");
        String body = """
                <?xml version="1.0" encoding="utf-8"?>
                <request><api_key>%s</api_key><service_code>plumbing</service_code><lat>55.7903</lat><long>49.1347</long>
                <attribute code="floor">5</attribute><description>Капает с потолка в ванной &amp; на кухне</description></request>"""
                .formatted(key);
        HttpResponse<String> response = open311.raw("requests.json", "application/xml; charset=utf-8", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String number = TestApp.json(response).get(0).get("service_request_id").asText();
        assertThat(TestApp.json(app.get("/open311/v2/requests/" + number + ".json?api_key=" + key)).get(0).get("description").asText())
                .isEqualTo("Капает с потолка в ванной & на кухне");
        assertThat(app.database().count("SELECT count(*) FROM request WHERE number = '" + number + "' AND floor = '5'")).isEqualTo(1);
    }

    @Test
    void typedAddressesAndExactSpotsNeverLeaveThroughPublicRoutes() {
        String key = open311.issueKey("typed address client");
        Map<String, String> form = newRequest(key, "plumbing", "Течёт труба во дворе");
        form.put("lat", "55.790312");
        form.put("long", "49.134756");
        form.put("address_string", "у дома Баумана 5, кв. 12, Иванова Мария +79001112233");
        HttpResponse<String> filed = open311.post("requests.json", form);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        String number = TestApp.json(filed).get(0).get("service_request_id").asText();

        HttpResponse<String> status = app.get("/api/v1/public/requests/" + number);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).as("the public status page").doesNotContain("Иванова", "79001112233", "кв. 12", "Баумана 5");
        assertThat(TestApp.json(status).get("address").asText()).as("the district, not what was typed").isEqualTo(
                single("SELECT d.name_ru FROM request r JOIN district d ON d.id = r.district_id WHERE r.number = '" + number + "'"));

        for (String path : List.of("requests.json?service_request_id=" + number, "requests/" + number + ".json",
                                   "requests/" + number + ".json?api_key=" + key)) {
            HttpResponse<String> response = open311.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain("55.790312", "49.134756");
            JsonNode request = TestApp.json(response).get(0);
            assertThat(request.get("lat").asDouble()).as(path + ": rounded like the public map").isEqualTo(55.790);
            assertThat(request.get("long").asDouble()).as(path).isEqualTo(49.135);
            if (!path.contains("api_key")) {
                assertThat(response.body()).as(path).doesNotContain("Иванова", "79001112233", "кв. 12");
            }
        }
        assertThat(TestApp.json(open311.get("requests/" + number + ".json?api_key=" + key)).get(0).get("address").asText())
                .as("the system that sent it reads back what it sent").contains("Баумана 5");
    }

    private String single(String sql) {
        try (var rows = app.database().client().execute().query(sql)) {
            return rows.findFirst().orElseThrow().column(1).get().toString();
        }
    }
}
