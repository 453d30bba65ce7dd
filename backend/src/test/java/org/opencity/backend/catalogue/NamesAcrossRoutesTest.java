package org.opencity.backend.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names of the city's data — organisation, category, the building's street — come in the
 * caller's language on every route that shows them: the board, the request page, the desk's
 * read-back, the staff map, the caller's history, sync, the public status page and map, Open311 and
 * the report drill-down. Tatar readers get organisations and streets by their Russian names (they
 * have no Tatar ones); anything else is Russian.
 */
@WithApp
class NamesAcrossRoutesTest {

    private static final List<String> LANGUAGES = List.of("ru", "tt", "en");

    private final TestApp app;
    private static TestApp built;
    private static String number;
    private static String id;
    private static String building;

    NamesAcrossRoutesTest(TestApp app) {
        this.app = app;
    }

    @BeforeEach
    void request() {
        if (built == app) {
            return;
        }
        built = app;
        building = single("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' "
                                  + "ORDER BY b.street_ru, b.house LIMIT 1");
        Map<String, Object> body = new HashMap<>();
        body.put("id", org.opencity.model.Ids.newId().toString());
        body.put("categoryCode", "plumbing");
        body.put("buildingId", building);
        body.put("description", "Caller says the kitchen tap leaks");
        body.put("flat", "7");
        body.put("caller", Map.of("phone", "+79175550101", "name", "Alsu Galieva"));
        HttpResponse<String> created = app.json("POST", "/api/v1/requests?lang=en", body, "Authorization",
                                                "Bearer " + app.login("operator").access());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode readBack = TestApp.json(created).get("summary");
        number = readBack.get("number").asText();
        id = readBack.get("id").asText();
        assertThat(readBack.get("organisationName").asText()).as("the desk's read-back").isEqualTo(organisation("en"));
        assertThat(readBack.get("categoryName").asText()).isEqualTo(category("en"));
        assertThat(readBack.get("address").asText()).isEqualTo(street("en") + ", flat 7");
    }

    private String single(String sql) {
        try (var rows = app.database().client().execute().query(sql)) {
            return rows.findFirst().orElseThrow().column(1).get().toString();
        }
    }

    private String organisation(String lang) {
        return single("SELECT " + (lang.equals("en") ? "name_en" : "name_ru") + " FROM organisation WHERE code = 'mc-vakhitovsky'");
    }

    private String category(String lang) {
        return single("SELECT name_" + lang + " FROM service_category WHERE code = 'plumbing'");
    }

    /** The building's "street, house" in a language. */
    private String street(String lang) {
        return single("SELECT " + (lang.equals("en") ? "street_en" : "street_ru") + " || ', ' || house FROM building WHERE id = '"
                              + building + "'");
    }

    private JsonNode get(String path, TestApp.Tokens who) {
        HttpResponse<String> response = who == null ? app.get(path) : app.get(path, who);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return TestApp.json(response);
    }

    @Test
    void theBoardTheRequestPageAndTheStaffMapNameThingsInTheCallersLanguage() {
        TestApp.Tokens dispatcher = app.login("dispatcher");
        for (String lang : LANGUAGES) {
            JsonNode onBoard = get("/api/v1/requests?q=" + number + "&lang=" + lang, dispatcher).get("items").get(0);
            assertThat(onBoard.get("organisationName").asText()).as("board " + lang).isEqualTo(organisation(lang));
            assertThat(onBoard.get("categoryName").asText()).as("board " + lang).isEqualTo(category(lang));
            assertThat(onBoard.get("address").asText()).as("board " + lang).startsWith(street(lang));

            JsonNode detail = get("/api/v1/requests/" + id + "?lang=" + lang, dispatcher).get("summary");
            assertThat(detail.get("organisationName").asText()).as("request " + lang).isEqualTo(organisation(lang));
            assertThat(detail.get("address").asText()).as("request " + lang).startsWith(street(lang));

            JsonNode map = get("/api/v1/requests/map?lang=" + lang, dispatcher);
            JsonNode point = null;
            for (JsonNode p : map) {
                point = p.get("number").asText().equals(number) ? p : point;
            }
            assertThat(point).as("on the staff map").isNotNull();
            assertThat(point.get("categoryName").asText()).isEqualTo(category(lang));
            assertThat(point.get("address").asText()).startsWith(street(lang));
        }
    }

    @Test
    void theLanguageMayComeFromTheAcceptLanguageHeader() {
        HttpResponse<String> response = app.get("/api/v1/requests/" + id, "Authorization", "Bearer " + app.login("dispatcher").access(),
                                                "Accept-Language", "tt-RU,tt;q=0.9");
        assertThat(TestApp.json(response).get("summary").get("categoryName").asText()).isEqualTo(category("tt"));
        HttpResponse<String> english = app.get("/api/v1/requests/" + id, "Authorization", "Bearer " + app.login("dispatcher").access(),
                                               "Accept-Language", "en-GB");
        assertThat(TestApp.json(english).get("summary").get("organisationName").asText()).isEqualTo(organisation("en"));
    }

    @Test
    void theCallersHistoryAndSyncNameThingsInTheCallersLanguage() {
        TestApp.Tokens operator = app.login("operator");
        for (String lang : LANGUAGES) {
            JsonNode history = get("/api/v1/callers?phone=%2B79175550101&lang=" + lang, operator).get("requests").get(0);
            assertThat(history.get("organisationName").asText()).as("caller history " + lang).isEqualTo(organisation(lang));
        }
        TestApp.Tokens reporter = app.signInResident("+79175550101");
        for (String lang : LANGUAGES) {
            JsonNode items = get("/api/v1/sync/pull?lang=" + lang, reporter).get("requests");
            JsonNode mine = null;
            for (JsonNode item : items) {
                mine = item.get("summary").get("id").asText().equals(id) ? item.get("summary") : mine;
            }
            assertThat(mine).as("pulled").isNotNull();
            assertThat(mine.get("organisationName").asText()).as("sync " + lang).isEqualTo(organisation(lang));
            assertThat(mine.get("categoryName").asText()).as("sync " + lang).isEqualTo(category(lang));
        }
    }

    @Test
    void thePublicStatusMapAndOpen311NameThingsInTheCallersLanguage() {
        for (String lang : LANGUAGES) {
            JsonNode status = get("/api/v1/public/requests/" + number + "?lang=" + lang, null);
            assertThat(status.get("organisationName").asText()).as("public status " + lang).isEqualTo(organisation(lang));
            assertThat(status.get("categoryName").asText()).isEqualTo(category(lang));
            assertThat(status.get("address").asText()).as("the building, never the flat").isEqualTo(street(lang));

            JsonNode map = get("/api/v1/public/map?lang=" + lang, null);
            boolean shown = false;
            for (JsonNode place : map) {
                shown |= street(lang).equals(place.path("address").asText());
            }
            assertThat(shown).as("public map " + lang).isTrue();

            HttpResponse<String> open311 = app.get("/open311/v2/requests/" + number + ".json", "Accept-Language", lang);
            assertThat(open311.statusCode()).as(open311.body()).isEqualTo(200);
            JsonNode served = TestApp.json(open311).get(0);
            assertThat(served.get("agency_responsible").asText()).as("Open311 " + lang).isEqualTo(organisation(lang));
            assertThat(served.get("service_name").asText()).isEqualTo(category(lang));
            assertThat(served.get("address").asText()).isEqualTo(street(lang));
        }
    }

    @Test
    void theReportDrillDownNamesCategoriesInTheCallersLanguage() {
        TestApp.Tokens city = app.login("citydispatcher");
        for (String lang : LANGUAGES) {
            JsonNode items = get("/api/v1/reports/requests?dimensions=&measures=COUNT&cityAverage=true&subset=ALL&lang=" + lang, city)
                    .get("items");
            assertThat(items).isNotEmpty();
            assertThat(items.get(0).get("category").asText()).as("drill-down " + lang).isEqualTo(category(lang));
        }
    }
}
