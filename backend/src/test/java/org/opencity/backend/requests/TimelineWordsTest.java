package org.opencity.backend.requests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.requests.RequestFixtures.action;

/**
 * A request's history reads in the reader's language: each entry's {@code text} says what
 * happened and {@code actorLabel} who did it — the routing in words with the organisation's name,
 * deadlines with their stage and time, the system as "Система" — while the codes stay for
 * machines. Technicians' skills come in words too. Internal codes never reach a person.
 */
@WithApp
class TimelineWordsTest {

    /** What a code looks like: ESCALATED, DEADLINE_WARNING, SYSTEM, an organisation's code, a skill's code. */
    private static final Pattern CODE = Pattern.compile("\\b[A-Z]{2,}_[A-Z_]+\\b|\\b(SYSTEM|ESCALATED|COMMENT|ROUTED|AFTER|BEFORE)\\b"
                                                                + "|mc-[a-z-]+|heating-fitter|\\bnull\\b|\\{[a-z]+}");

    private final TestApp app;
    private final RequestFixtures f;

    TimelineWordsTest(TestApp app) {
        this.app = app;
        this.f = new RequestFixtures(app);
    }

    @Test
    void everyEntryOfAWorkedRequestSaysWhatHappenedAndWhoInEachLanguage() {
        TestApp.Tokens resident = app.newResident();
        String id = app.fileRequest(resident, "plumbing", f.building("vakhitovsky"), "Water drips from the ceiling")
                .get("summary").get("id").asText();
        TestApp.Tokens dispatcher = app.login("dispatcher");
        f.actOk(dispatcher, id, action("ACCEPT"));
        f.actOk(dispatcher, id, action("ASSIGN", "technicianId", single("SELECT id FROM app_user WHERE login = 'plumber'")));
        f.actOk(dispatcher, id, action("COMMENT", "text", "We come today"));
        f.actOk(dispatcher, id, action("INTERNAL_COMMENT", "text", "Bring the long ladder"));
        DeadlineSweeper sweeper = new DeadlineSweeper(new Transactions(app.database().client()),
                                                      new RequestActions(new Transactions(app.database().client()),
                                                                         new Calendars(app.database().client(), app.clock()), app.clock(),
                                                                         List.of()), app.clock(), List.of());
        app.clock().advance(Duration.ofHours(7));   // 16:00 in Kazan: the start deadline (17:00) nears
        sweeper.sweepOnce();
        app.clock().advance(Duration.ofDays(2));    // passes: the organisation is told, then the city
        sweeper.sweepOnce();
        app.clock().advance(Duration.ofDays(3));
        sweeper.sweepOnce();

        Map<String, Map<String, String>> said = Map.of(
                "ru", Map.of("ROUTED", "Передана: УК «Жилсервис Вахитовский» — отвечает за этот район", "ESCALATED", "этапа «начало работ»",
                             "DEADLINE_WARNING", "Срок этапа «начало работ» подходит", "actor", "Система"),
                "tt", Map.of("ROUTED", "Тапшырылды: УК «Жилсервис Вахитовский» — бу район өчен җаваплы", "ESCALATED", "«эш башлау» этабы",
                             "DEADLINE_WARNING", "«эш башлау» этабы вакыты якынлаша", "actor", "Система"),
                "en", Map.of("ROUTED", "Sent to Vakhitovsky Housing Service: responsible for this district",
                             "ESCALATED", "The start work stage is", "DEADLINE_WARNING", "The start work stage is due soon", "actor", "System"));
        for (String lang : List.of("ru", "tt", "en")) {
            JsonNode timeline = f.detail(app.login("dispatcher"), id + "?lang=" + lang).get("timeline");
            List<String> kinds = new ArrayList<>();
            for (JsonNode e : timeline) {
                String kind = e.get("kind").asText();
                kinds.add(kind);
                String text = e.path("text").asText("");
                String actor = e.path("actorLabel").asText("");
                assertThat(text).as(kind + " in " + lang).isNotBlank().doesNotContainPattern(CODE);
                assertThat(actor).as("who did " + kind + " in " + lang).isNotBlank().doesNotContainPattern(CODE);
                if (kind.equals("ROUTED")) {
                    assertThat(text).isEqualTo(said.get(lang).get("ROUTED"));
                    assertThat(e.get("detail").get("routedBy").asText()).as("the code stays for machines").isEqualTo("DISTRICT");
                    assertThat(e.get("detail").has("reason")).as("no English reason with an internal code").isFalse();
                    assertThat(actor).isEqualTo(said.get(lang).get("actor"));
                }
                if (kind.equals("ESCALATED") || kind.equals("DEADLINE_WARNING")) {
                    assertThat(text).contains(said.get(lang).get(kind));
                    assertThat(actor).isEqualTo(said.get(lang).get("actor"));
                    assertThat(e.get("actorRole").asText()).isEqualTo("SYSTEM");
                }
            }
            assertThat(kinds).contains("CREATED", "ROUTED", "ACCEPT", "ASSIGNED", "COMMENT", "INTERNAL_COMMENT", "DEADLINE_WARNING",
                                       "ESCALATED");
        }
    }

    @Test
    void aRequestNoOneIsResponsibleForSaysSoInWords() {
        String id = app.fileRequest(app.newResident(), "plumbing", f.building("vakhitovsky"), "The bath tap will not close")
                .get("summary").get("id").asText();
        app.database().execute("DELETE FROM responsibility WHERE category_id = (SELECT id FROM service_category WHERE code = 'lift')");
        String lift = app.fileRequest(app.newResident(), "lift", f.building("vakhitovsky"), "The lift is stuck on the fifth floor")
                .get("summary").get("id").asText();
        JsonNode timeline = f.detail(app.login("citydispatcher"), lift + "?lang=ru").get("timeline");
        JsonNode triaged = null;
        for (JsonNode e : timeline) {
            triaged = e.get("kind").asText().equals("TRIAGED") ? e : triaged;
        }
        assertThat(triaged).as("sent to triage: " + timeline).isNotNull();
        assertThat(triaged.get("text").asText()).isEqualTo("Передана диспетчеру города: за эту категорию здесь никто не отвечает");
        assertThat(f.detail(app.login("citydispatcher"), id + "?lang=ru").get("timeline").get(0).get("text").asText())
                .isEqualTo("Заявка подана");
    }

    @Test
    void olderEntriesWithEnglishRoutingReasonsAreReadInWordsToo() {
        String id = app.fileRequest(app.newResident(), "plumbing", f.building("vakhitovsky"), "A leak under the kitchen sink")
                .get("summary").get("id").asText();
        app.database().execute("UPDATE request_event SET detail = jsonb_build_object('reason', 'responsible for the district: mc-vakhitovsky',"
                                       + " 'organisation', 'Vakhitovsky Housing Service') WHERE request_id = '" + id + "' AND kind = 'ROUTED'");
        for (JsonNode e : f.detail(app.login("dispatcher"), id + "?lang=ru").get("timeline")) {
            if (e.get("kind").asText().equals("ROUTED")) {
                assertThat(e.get("text").asText()).endsWith("— отвечает за этот район");
            }
        }
    }

    @Test
    void techniciansSkillsComeInWords() {
        JsonNode technicians = TestApp.json(app.get("/api/v1/technicians?lang=ru", app.login("dispatcher")));
        List<String> names = new ArrayList<>();
        technicians.forEach(t -> t.get("skillNames").forEach(s -> names.add(s.asText())));
        assertThat(names).contains("сантехник").doesNotContain("plumber", "heating-fitter");
        JsonNode english = TestApp.json(app.get("/api/v1/technicians?lang=en", app.login("dispatcher")));
        List<String> inEnglish = new ArrayList<>();
        english.forEach(t -> t.get("skillNames").forEach(s -> inEnglish.add(s.asText())));
        assertThat(inEnglish).contains("plumber");
        assertThat(english.get(0).get("skills")).as("codes stay for machines").isNotEmpty();
    }

    private String single(String sql) {
        try (var rows = app.database().client().execute().query(sql)) {
            return rows.findFirst().orElseThrow().column(1).get().toString();
        }
    }
}
