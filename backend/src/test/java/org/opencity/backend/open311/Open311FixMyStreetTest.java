package org.opencity.backend.open311;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.TestImages;
import org.opencity.backend.testing.WithApp;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.open311.Open311Client.children;
import static org.opencity.backend.open311.Open311Client.text;
import static org.opencity.backend.open311.Open311Client.xml;

/**
 * FixMyStreet's Open311 sender as its code behaves (mySociety's {@code perllib/Open311.pm} and
 * {@code FixMyStreet/SendReport/Open311.pm}): it reads the service definition, fills the
 * attribute it finds set by the server ({@code fixmystreet_id}) with its report id, sends an
 * extended description (title, detail, report URL), {@code attribute[uprn]} and a cobrand's extra
 * attribute, the photo as a multipart file, reads the XML answer — and sends everything again
 * when an answer is lost. Every report must arrive once, whole, with its photo.
 */
@WithApp
class Open311FixMyStreetTest {

    private final TestApp app;
    private final Open311Client open311;

    Open311FixMyStreetTest(TestApp app) {
        this.app = app;
        this.open311 = new Open311Client(app);
    }

    @Test
    void fixMyStreetsSendingSequenceDeliversEveryReportOnceWholeWithItsPhoto() {
        String key = open311.issueKey("FixMyStreet");
        Document definition = xml(open311.get("services/plumbing.xml"));
        Element idAttribute = children(definition.getElementsByTagName("attributes").item(0)).stream()
                .filter(a -> text(a, "code").equals("fixmystreet_id")).findFirst().orElseThrow();
        assertThat(text(idAttribute, "variable")).isEqualTo("false");
        assertThat(text(idAttribute, "automated")).isEqualTo("server_set");

        String detail = "Из трубы в подвале бьёт вода, затопило проход к щитку. ".repeat(45);
        String description = "Прорыв трубы в подвале\n\n" + detail.strip() + "\n\nView report on site: https://fixmystreet.example/report/5150"
                + "\n\nSubmitted via FixMyStreet";
        assertThat(description.length()).as("longer than the old 2000-character limit").isGreaterThan(2000).isLessThan(4000);
        Map<String, String> report = new LinkedHashMap<>();
        report.put("api_key", key);
        report.put("jurisdiction_id", "KZN");
        report.put("service_code", "plumbing");
        report.put("lat", "55.7903");
        report.put("long", "49.1347");
        report.put("email", "reporter@example.org");
        report.put("first_name", "Алсу");
        report.put("last_name", "Галиева");
        report.put("description", description);
        report.put("attribute[fixmystreet_id]", "5150");
        report.put("attribute[uprn]", "100023336956");
        report.put("attribute[closest_address]", "ул. Баумана, 10");
        List<Open311Client.FilePart> photo = List.of(new Open311Client.FilePart("photo1", "5150.0.full.jpeg", "image/jpeg",
                                                                                TestImages.jpeg(1024, 768)));

        HttpResponse<String> first = open311.multipart("requests.xml", report, photo);   // the answer is lost on the way back
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        HttpResponse<String> retry = open311.multipart("requests.xml", report, photo);   // FixMyStreet sends it again later
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        String number = text(xml(retry).getDocumentElement(), "service_request_id");
        assertThat(text(xml(first).getDocumentElement(), "service_request_id")).isEqualTo(number);

        Map<String, String> second = new LinkedHashMap<>(report);
        second.put("attribute[fixmystreet_id]", "5151");
        second.put("description", "Нет света в подъезде\n\nТемно третий день.\n\nView report on site: https://fixmystreet.example/report/5151");
        second.put("media_url", "https://fixmystreet.example/photo/5151.0.full.jpeg");
        HttpResponse<String> other = open311.post("requests.xml", second);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        assertThat(text(xml(other).getDocumentElement(), "service_request_id")).isNotEqualTo(number);

        assertThat(app.database().count("SELECT count(*) FROM request r JOIN api_client c ON c.id = r.api_client_id WHERE c.name = 'FixMyStreet'"))
                .as("two reports, each once").isEqualTo(2);
        TestApp.Tokens cityDispatcher = app.login("citydispatcher");
        String id = TestApp.json(app.get("/api/v1/requests?q=" + number, cityDispatcher)).get("items").get(0).get("id").asText();
        JsonNode staff = TestApp.json(app.get("/api/v1/requests/" + id, cityDispatcher));
        assertThat(staff.get("description").asText()).as("whole").isEqualTo(description.strip());
        assertThat(staff.get("photos")).hasSize(1);
        assertThat(staff.get("photos").get(0).get("stored").asBoolean()).isTrue();
        JsonNode submission = TestApp.json(app.get("/api/v1/requests/" + id + "/open311", cityDispatcher));
        assertThat(submission.get("client").asText()).isEqualTo("FixMyStreet");
        assertThat(submission.get("extraAttributes").get("uprn").get(0).asText()).isEqualTo("100023336956");
        assertThat(submission.get("extraAttributes").get("closest_address").get(0).asText()).isEqualTo("ул. Баумана, 10");

        Map<String, String> update = new LinkedHashMap<>();
        update.put("api_key", key);
        update.put("jurisdiction_id", "KZN");
        update.put("update_id", "77001");
        update.put("service_request_id", number);
        update.put("service_request_id_ext", "5150");
        update.put("status", "OPEN");
        update.put("updated_datetime", "2026-11-25T09:30:00+03:00");
        update.put("description", "Житель: вода прибывает, щиток уже в воде");
        update.put("first_name", "Алсу");
        update.put("last_name", "Галиева");
        update.put("email", "reporter@example.org");
        HttpResponse<String> sent = open311.post("servicerequestupdates.xml", update);   // lost answer
        HttpResponse<String> again = open311.post("servicerequestupdates.xml", update);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(text(xml(again).getDocumentElement(), "update_id")).isEqualTo(text(xml(sent).getDocumentElement(), "update_id"));
        assertThat(app.database().count("SELECT count(*) FROM request_event WHERE kind = 'COMMENT'"
                                                + " AND detail ->> 'text' = 'Житель: вода прибывает, щиток уже в воде'")).isEqualTo(1);
    }

    @Test
    void textThatCannotBeReadIsRefusedInTheSpecsErrorFormat() {
        String key = open311.issueKey("FixMyStreet Latin-1");
        String questionMarks = "api_key=" + key + "&service_code=plumbing&lat=55.7903&long=49.1347&description="
                + URLEncoder.encode("Течёт кран на кухне", StandardCharsets.ISO_8859_1);
        HttpResponse<String> refused = open311.raw("requests.xml", "application/x-www-form-urlencoded; charset=ISO-8859-1", questionMarks);
        assertThat(refused.statusCode()).isEqualTo(400);
        Document errors = xml(refused);
        assertThat(errors.getDocumentElement().getTagName()).isEqualTo("errors");
        assertThat(text(errors.getDocumentElement(), "code")).isEqualTo("400");
        assertThat(text(errors.getDocumentElement(), "description")).isEqualTo("description: the text arrived as question marks; send UTF-8");

        HttpResponse<String> malformed = open311.raw("requests.json", "application/x-www-form-urlencoded",
                                                     "api_key=" + key + "&service_code=plumbing&lat=55.7903&long=49.1347&description=%FF%FE%FDabc");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(malformed).get(0).get("code").asInt()).isEqualTo(400);
        assertThat(TestApp.json(malformed).get(0).get("description").asText()).startsWith("description:");

        HttpResponse<String> latin = open311.raw("requests.json", "application/x-www-form-urlencoded; charset=ISO-8859-1",
                                                 "api_key=" + key + "&service_code=plumbing&lat=55.7903&long=49.1347&description="
                                                         + URLEncoder.encode("Fuite d'eau sous l'évier, café inondé", StandardCharsets.ISO_8859_1));
        assertThat(latin.statusCode()).isEqualTo(200);
        assertThat(app.database().count("SELECT count(*) FROM request WHERE description = 'Fuite d''eau sous l''évier, café inondé'"))
                .isEqualTo(1);
    }

    @Test
    void discoveryBehindATlsProxyAdvertisesHttpsAndTheForwardedHost() {
        JsonNode discovery = TestApp.json(app.get("/open311/v2/discovery.json", "X-Forwarded-Proto", "https",
                                                  "X-Forwarded-Host", "311.kzn.example"));
        assertThat(discovery.get("endpoints").get(0).get("url").asText()).isEqualTo("https://311.kzn.example/open311/v2");
    }
}
