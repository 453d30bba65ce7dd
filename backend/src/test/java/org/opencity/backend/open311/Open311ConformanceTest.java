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

/** GeoReport v2 conformance of every method in both formats, against the demo city. */
@WithApp
class Open311ConformanceTest {

    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
    private final TestApp app;
    private final Open311Client open311;

    Open311ConformanceTest(TestApp app) {
        this.app = app;
        this.open311 = new Open311Client(app);
    }

    @Test
    void discoveryListsTheEndpointInBothFormats() {
        HttpResponse<String> xml = open311.get("discovery.xml");
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/xml").containsIgnoringCase("utf-8");
        assertThat(xml.body()).startsWith(XML_DECLARATION);
        Document doc = xml(xml);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("discovery");
        assertThat(childNames(doc.getDocumentElement())).containsExactly("changeset", "contact", "key_service", "endpoints");
        Element endpoint = (Element) doc.getElementsByTagName("endpoint").item(0);
        assertThat(childNames(endpoint)).containsExactly("specification", "url", "changeset", "type", "formats");
        assertThat(text(endpoint, "url")).endsWith("/open311/v2");
        assertThat(children(endpoint.getElementsByTagName("formats").item(0)).stream().map(Element::getTextContent))
                .containsExactly("text/xml", "application/json");

        HttpResponse<String> json = open311.get("discovery.json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode body = TestApp.json(json);
        assertThat(body.get("endpoints").get(0).get("specification").asText()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(body.get("endpoints").get(0).get("formats").toString()).isEqualTo("[\"text/xml\",\"application/json\"]");
    }

    @Test
    void servicesListTheCatalogueWithCodesAsStrings() {
        Document doc = xml(open311.get("services.xml?jurisdiction_id=kzn"));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("services");
        Element first = children(doc.getDocumentElement()).getFirst();
        assertThat(first.getTagName()).isEqualTo("service");
        assertThat(childNames(first)).containsExactly("service_code", "service_name", "description", "metadata", "type", "keywords",
                                                      "group");
        JsonNode json = TestApp.json(open311.get("services.json"));
        assertThat(json.size()).isEqualTo(children(doc.getDocumentElement()).size()).isGreaterThan(5);
        JsonNode plumbing = find(json, "service_code", "plumbing");
        assertThat(plumbing.get("service_code").isTextual()).isTrue();
        assertThat(plumbing.get("metadata").asBoolean()).as("building categories have attributes").isTrue();
        assertThat(plumbing.get("type").asText()).isEqualTo("realtime");
        assertThat(find(json, "service_code", "snow").get("metadata").asBoolean()).as("outdoor ones the client's own id").isTrue();
    }

    @Test
    void aServiceDefinitionListsItsAttributesInBothFormats() {
        Document doc = xml(open311.get("services/plumbing.xml"));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("service_definition");
        assertThat(text(doc.getDocumentElement(), "service_code")).isEqualTo("plumbing");
        List<Element> attributes = children(doc.getElementsByTagName("attributes").item(0));
        assertThat(attributes).extracting(a -> text(a, "code")).containsExactly("fixmystreet_id", "entrance", "floor", "flat");
        assertThat(childNames(attributes.get(1))).containsExactly("variable", "code", "datatype", "required",
                                                                  "datatype_description", "order", "description", "values");
        assertThat(childNames(attributes.getFirst())).as("set by the client software: mySociety's automated marker")
                .containsExactly("variable", "code", "datatype", "required", "datatype_description", "order", "description", "values",
                                 "automated");
        assertThat(text(attributes.getFirst(), "variable")).isEqualTo("false");
        assertThat(text(attributes.getFirst(), "automated")).isEqualTo("server_set");
        JsonNode json = TestApp.json(open311.get("services/plumbing.json"));
        assertThat(json.get("attributes").get(3).get("code").asText()).isEqualTo("flat");
        assertThat(json.get("attributes").get(3).get("datatype").asText()).isEqualTo("string");
        assertThat(json.get("attributes").get(3).get("required").asBoolean()).isFalse();
        assertThat(json.get("attributes").get(3).get("order").asInt()).isEqualTo(3);
        assertThat(json.get("attributes").get(0).get("variable").asBoolean()).isFalse();
        assertThat(TestApp.json(open311.get("services/snow.json")).get("attributes").findValuesAsText("code"))
                .containsExactly("fixmystreet_id");
    }

    @Test
    void aRequestFiledInCyrillicReadsBackInBothFormats() {
        String key = open311.issueKey("Cyrillic client");
        Map<String, String> form = newRequest(key, "plumbing", "Течёт кран на кухне, вода на полу — «срочно»");
        form.put("address_string", "ул. Баумана, у дома 5");
        HttpResponse<String> filed = open311.post("requests.json", form);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        JsonNode created = TestApp.json(filed).get(0);
        String number = created.get("service_request_id").asText();
        assertThat(number).matches("KZN-2026-\\d{6}");
        assertThat(created.get("service_notice").asText()).isNotBlank();

        JsonNode json = TestApp.json(app.get("/open311/v2/requests/" + number + ".json?api_key=" + key)).get(0);
        assertThat(json.get("description").asText()).isEqualTo("Течёт кран на кухне, вода на полу — «срочно»");
        assertThat(json.get("address").asText()).isEqualTo("ул. Баумана, у дома 5");
        assertThat(json.get("status").asText()).isEqualTo("open");
        assertThat(json.get("service_code").asText()).isEqualTo("plumbing");
        HttpResponse<String> xmlResponse = app.get("/open311/v2/requests/" + number + ".xml?api_key=" + key);
        assertThat(xmlResponse.body()).startsWith(XML_DECLARATION);
        Document xml = xml(xmlResponse);
        assertThat(text(xml.getDocumentElement(), "description")).isEqualTo("Течёт кран на кухне, вода на полу — «срочно»");
        assertThat(text(xml.getDocumentElement(), "service_request_id")).isEqualTo(number);
        assertThat(text(xml.getDocumentElement(), "requested_datetime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+03:00");
    }

    @Test
    void xmlFilingWorksAndTheResponseIsAServiceRequestsList() {
        String key = open311.issueKey("XML client");
        HttpResponse<String> filed = open311.post("requests.xml", newRequest(key, "heating", "Батареи холодные во всём подъезде"));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        Document doc = xml(filed);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("service_requests");
        Element request = children(doc.getDocumentElement()).getFirst();
        assertThat(request.getTagName()).isEqualTo("request");
        assertThat(childNames(request)).containsExactly("service_request_id", "service_notice", "account_id");
    }

    @Test
    void anAddressStringAloneMustNameOneOfOurBuildings() {
        String key = open311.issueKey("address client");
        String building;
        String address;
        try (var rows = app.database().client().execute().query(
                "SELECT b.id, b.street_ru || ',   ' || b.house AS address FROM building b ORDER BY b.street_ru, b.house LIMIT 1")) {
            var row = rows.findFirst().orElseThrow();
            building = row.column("id").get().toString();
            address = row.column("address").getString().toUpperCase(java.util.Locale.ROOT);
        }
        Map<String, String> form = newRequest(key, "heating", "Холодные батареи в квартире");
        form.remove("lat");
        form.remove("long");
        form.put("address_string", address);
        HttpResponse<String> filed = open311.post("requests.json", form);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        String number = TestApp.json(filed).get(0).get("service_request_id").asText();
        assertThat(TestApp.json(open311.get("requests/" + number + ".json")).get(0).get("address_id").asText()).isEqualTo(building);

        form.put("address_string", "Несуществующая улица, 999");
        HttpResponse<String> unknown = open311.post("requests.json", form);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(unknown).get(0).get("description").asText()).contains("address_string");
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (item.get(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }
}
