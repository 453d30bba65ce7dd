package org.opencity.backend.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The problems the edge answers by itself speak Russian, Tatar and English, and no language lacks a text. */
@WithApp(demo = false)
class ProblemTextsTest {

    private final TestApp app;

    ProblemTextsTest(TestApp app) {
        this.app = app;
    }

    @Test
    void everyProblemTextExistsInRussianTatarAndEnglish() {
        assertThat(ProblemTexts.keys("ru")).isNotEmpty().isEqualTo(ProblemTexts.keys("en")).isEqualTo(ProblemTexts.keys("tt"));
    }

    @Test
    void anEmptyBodyIsExplainedInTheCallersLanguageRussianByDefault() {
        String ru = EdgeInputTest.problem(app.json("POST", "/api/v1/auth/login", ""), 400).path("detail").asText();
        String tt = EdgeInputTest.problem(app.json("POST", "/api/v1/auth/login?lang=tt", ""), 400).path("detail").asText();
        String en = EdgeInputTest.problem(app.json("POST", "/api/v1/auth/login", "", "Accept-Language", "en"), 400)
                .path("detail").asText();
        assertThat(ru).isEqualTo(ProblemTexts.text("ru", "body.empty"));
        assertThat(tt).isEqualTo(ProblemTexts.text("tt", "body.empty"));
        assertThat(en).isEqualTo(ProblemTexts.text("en", "body.empty"));
        assertThat(Map.of("ru", ru, "tt", tt, "en", en).values()).doesNotHaveDuplicates();
    }

    @Test
    void aFieldBeyondItsBoundIsExplainedWithItsLimitInTheCallersLanguage() {
        JsonNode problem = EdgeInputTest.problem(
                app.post("/api/v1/auth/login?lang=tt", Map.of("login", "x".repeat(101), "password", "x",
                                                              "device", TestApp.device(UUID.randomUUID()))), 400);
        JsonNode error = problem.path("errors").path(0);
        assertThat(error.path("field").asText()).isEqualTo("login");
        assertThat(error.path("code").asText()).isEqualTo("length");
        assertThat(error.path("message").asText()).isEqualTo(ProblemTexts.text("tt", "field.length", "100"));
    }
}
