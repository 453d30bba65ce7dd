package org.opencity.backend.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@WithApp
class CatalogueApiTest {

    private final TestApp app;

    CatalogueApiTest(TestApp app) {
        this.app = app;
    }

    @Test
    void categoriesAreListedInDisplayOrderWithDeadlinesForEveryStage() {
        HttpResponse<String> response = app.get("/api/v1/categories?lang=en");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode categories = TestApp.json(response);
        assertThat(categories).hasSize(15);
        JsonNode first = categories.get(0);
        assertThat(first.get("code").asText()).isEqualTo("water-leak");
        assertThat(first.get("name").asText()).isEqualTo("Water leak or burst pipe");
        assertThat(first.get("emergency").asBoolean()).isTrue();
        assertThat(first.get("slaMinutes").fieldNames()).toIterable().containsExactly("ACCEPT", "START", "COMPLETE", "CONFIRM");
        assertThat(first.get("skill").asText()).as("the skill a technician needs").isEqualTo("plumber");
    }

    @Test
    void namesFollowTheRequestedLanguageThenAcceptLanguageThenRussian() {
        assertThat(TestApp.json(app.get("/api/v1/categories?lang=tt")).get(0).get("name").asText())
                .isEqualTo("Су агу, торба ярылу");
        HttpResponse<String> english = app.get("/api/v1/categories", "Accept-Language", "en-GB,en;q=0.8");
        assertThat(TestApp.json(english).get(0).get("name").asText()).isEqualTo("Water leak or burst pipe");
        assertThat(english.headers().firstValue("Content-Language")).contains("en");
        assertThat(english.headers().firstValue("Vary")).contains("Accept-Language");
        assertThat(TestApp.json(app.get("/api/v1/categories", "Accept-Language", "fr")).get(0).get("name").asText())
                .isEqualTo("Протечка, прорыв трубы");
    }

    @Test
    void districtsCarryTheirCentres() {
        JsonNode districts = TestApp.json(app.get("/api/v1/districts?lang=en"));
        assertThat(districts).hasSize(7);
        assertThat(districts.findValuesAsText("name")).contains("Vakhitovsky", "Sovetsky");
        JsonNode centre = districts.get(0).get("centre");
        assertThat(centre.get("lat").asDouble()).isBetween(55.6, 56.0);
        assertThat(centre.get("lon").asDouble()).isBetween(48.8, 49.4);
    }
}
