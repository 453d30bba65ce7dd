package org.opencity.backend.requests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.requests.RequestFixtures.action;
import static org.opencity.backend.requests.RequestFixtures.afterPhoto;
import static org.opencity.backend.requests.RequestFixtures.kinds;
import static org.opencity.backend.requests.RequestFixtures.status;

/** A request's whole life over HTTP against the demo city: the happy path and every way off it. */
@WithApp
class LifecycleApiTest {

    private final TestApp app;
    private final RequestFixtures f;

    LifecycleApiTest(TestApp app) {
        this.app = app;
        this.f = new RequestFixtures(app);
    }

    @Test
    void theHappyPathFromReportToRatedClosure() {
        TestApp.Tokens resident = app.newResident();
        String id = f.file(resident, "plumbing");
        JsonNode filed = f.detail(resident, id);
        assertThat(status(filed)).isEqualTo("ROUTED");
        assertThat(filed.get("summary").get("number").asText()).matches("KZN-2026-\\d{6}");
        assertThat(filed.get("summary").get("organisationName").asText()).isEqualTo("УК «Жилсервис Вахитовский»");
        assertThat(filed.get("summary").get("stage").asText()).isEqualTo("ACCEPT");
        assertThat(filed.get("availableActions").findValuesAsText("")).isEmpty();

        TestApp.Tokens dispatcher = app.login("dispatcher");
        assertThat(f.detail(dispatcher, id).get("availableActions").toString()).contains("ACCEPT", "REJECT", "MARK_DUPLICATE");
        assertThat(status(f.actOk(dispatcher, id, action("ACCEPT")))).isEqualTo("ACCEPTED");
        JsonNode assigned = f.actOk(dispatcher, id, action("ASSIGN", "technicianId", f.userId("plumber")));
        assertThat(status(assigned)).isEqualTo("ASSIGNED");
        assertThat(assigned.get("summary").get("stage").asText()).isEqualTo("START");

        TestApp.Tokens plumber = app.login("plumber");
        assertThat(f.detail(plumber, id).get("availableActions").toString()).contains("START").doesNotContain("ACCEPT");
        assertThat(status(f.actOk(plumber, id, action("START")))).isEqualTo("IN_PROGRESS");
        HttpResponse<String> noPhoto = f.act(plumber, id, action("COMPLETE", "note", "replaced the gasket"));
        assertThat(noPhoto.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(noPhoto).get("errors").get(0).get("code").asText()).isEqualTo("after-photo");
        JsonNode done = f.actOk(plumber, id, action("COMPLETE", "note", "replaced the gasket", "photos", List.of(afterPhoto())));
        assertThat(status(done)).isEqualTo("DONE");
        assertThat(done.get("evidencePending").asBoolean()).isTrue();
        assertThat(done.get("summary").get("stage").asText()).isEqualTo("CONFIRM");

        JsonNode forResident = f.detail(resident, id);
        assertThat(forResident.get("availableActions").toString()).contains("CONFIRM", "DISPUTE", "RATE");
        assertThat(status(f.actOk(resident, id, action("CONFIRM")))).isEqualTo("CLOSED");
        JsonNode rated = f.actOk(resident, id, action("RATE", "stars", 5, "text", "Quick and tidy"));
        assertThat(rated.get("rating").asInt()).isEqualTo(5);
        assertThat(f.act(resident, id, action("RATE", "stars", 1)).statusCode()).as("rated once").isEqualTo(409);
        assertThat(kinds(rated)).containsExactly("CREATED", "ROUTED", "ACCEPT", "ASSIGNED", "STARTED", "COMPLETED", "CONFIRMED", "RATED");
    }

    @Test
    void anIllegalActionIsA409NamingTheCurrentStatus() {
        TestApp.Tokens resident = app.newResident();
        String id = f.file(resident, "plumbing");
        HttpResponse<String> response = f.act(app.login("dispatcher"), id, action("START"));
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(TestApp.json(response).get("detail").asText()).contains("ROUTED");
    }

    @Test
    void aTechnicianWithoutTheSkillCannotBeAssigned() {
        String id = f.file(app.newResident(), "plumbing");
        TestApp.Tokens dispatcher = app.login("dispatcher");
        f.actOk(dispatcher, id, action("ACCEPT"));
        HttpResponse<String> response = f.act(dispatcher, id, action("ASSIGN", "technicianId", f.userId("electrician")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(response).get("errors").get(0).get("code").asText()).isEqualTo("skill");
        HttpResponse<String> otherOrg = f.act(dispatcher, id, action("ASSIGN", "technicianId", f.userId("sovetsky.plumber1")));
        assertThat(otherOrg.statusCode()).isEqualTo(400);
    }

    @Test
    void aDisputeWithinTheWindowReopensWithTheSameOrganisationAndLaterTheWindowCloses() {
        String phone = "+79000000003";
        TestApp.Tokens resident = app.signInResident(phone);
        String id = doneRequest(resident);
        JsonNode reopened = f.actOk(resident, id, action("DISPUTE", "reason", "Still leaking"));
        assertThat(status(reopened)).isEqualTo("REOPENED");
        assertThat(reopened.get("summary").get("organisationName").asText()).isEqualTo("УК «Жилсервис Вахитовский»");
        assertThat(reopened.get("summary").get("stage").asText()).isEqualTo("START");
        assertThat(reopened.get("summary").get("technicianId")).isNull();
        TestApp.Tokens dispatcher = app.login("dispatcher");
        assertThat(status(f.actOk(dispatcher, id, action("ASSIGN", "technicianId", f.userId("vakhitovsky.plumber1"))))).isEqualTo("ASSIGNED");

        String second = doneRequest(resident);
        app.clock().advance(Duration.ofDays(3).plusMinutes(1));
        HttpResponse<String> late = f.act(app.signInResident(phone), second, action("DISPUTE", "reason", "Too late?"));
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(TestApp.json(late).get("detail").asText()).contains("passed");
    }

    @Test
    void theConfirmationWindowClosesTheRequestByItself() {
        String phone = "+79000000002";
        TestApp.Tokens resident = app.signInResident(phone);
        String id = doneRequest(resident);
        app.app().sweeper().sweepOnce();
        assertThat(status(f.detail(resident, id))).isEqualTo("DONE");
        app.clock().advance(Duration.ofDays(3).plusMinutes(1));
        app.app().sweeper().sweepOnce();
        JsonNode closed = f.detail(app.signInResident(phone), id);
        assertThat(status(closed)).isEqualTo("CLOSED");
        assertThat(kinds(closed)).contains("AUTO_CLOSED");
        assertThat(closed.get("availableActions").toString()).contains("RATE").doesNotContain("DISPUTE");
    }

    @Test
    void aResidentMayCancelBeforeWorkStartsButNotAfter() {
        TestApp.Tokens resident = app.newResident();
        String early = f.file(resident, "plumbing");
        JsonNode cancelled = f.actOk(resident, early, action("CANCEL", "reason", "Fixed it myself"));
        assertThat(status(cancelled)).isEqualTo("CANCELLED");
        assertThat(cancelled.get("summary").get("stage")).isNull();

        String late = f.file(resident, "plumbing");
        TestApp.Tokens dispatcher = app.login("dispatcher");
        f.actOk(dispatcher, late, action("ACCEPT"));
        f.actOk(dispatcher, late, action("ASSIGN", "technicianId", f.userId("plumber")));
        f.actOk(app.login("plumber"), late, action("START"));
        HttpResponse<String> refused = f.act(resident, late, action("CANCEL"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(TestApp.json(refused).get("detail").asText()).contains("IN_PROGRESS");
    }

    @Test
    void internalCommentsAreForStaffOnlyAndPublicOnesForEveryone() {
        TestApp.Tokens resident = app.newResident();
        String id = f.file(resident, "plumbing");
        TestApp.Tokens dispatcher = app.login("dispatcher");
        f.actOk(dispatcher, id, action("INTERNAL_COMMENT", "text", "Resident called twice already"));
        f.actOk(dispatcher, id, action("COMMENT", "text", "We will come tomorrow morning"));
        f.actOk(resident, id, action("COMMENT", "text", "Thank you"));
        assertThat(f.act(resident, id, action("INTERNAL_COMMENT", "text", "sneaky")).statusCode()).isEqualTo(403);
        assertThat(kinds(f.detail(resident, id))).contains("COMMENT").doesNotContain("INTERNAL_COMMENT");
        assertThat(kinds(f.detail(dispatcher, id))).contains("COMMENT", "INTERNAL_COMMENT");
        assertThat(f.detail(resident, id).toString()).doesNotContain("Resident called twice");
    }

    @Test
    void theClockPausesWhileWaitingOnTheResidentAndResumesWithTheTimeLeft() {
        TestApp.Tokens resident = app.newResident();
        String id = f.file(resident, "plumbing");
        TestApp.Tokens dispatcher = app.login("dispatcher");
        JsonNode before = f.detail(dispatcher, id);
        String due = before.get("summary").get("dueAt").asText();
        JsonNode paused = f.actOk(dispatcher, id, action("PAUSE_CLOCK", "reason", "No access to the flat until the owner returns"));
        assertThat(paused.get("summary").get("clockPaused").asBoolean()).isTrue();
        assertThat(paused.get("pauseReason").asText()).contains("No access");
        assertThat(f.act(dispatcher, id, action("PAUSE_CLOCK", "reason", "again")).statusCode()).isEqualTo(409);
        app.clock().advance(Duration.ofDays(2));
        JsonNode resumed = f.actOk(app.login("dispatcher"), id, action("RESUME_CLOCK"));
        assertThat(resumed.get("summary").get("clockPaused").asBoolean()).isFalse();
        assertThat(resumed.get("summary").get("dueAt").asText()).isGreaterThan(due);
        assertThat(kinds(resumed)).contains("CLOCK_PAUSED", "CLOCK_RESUMED");
    }

    @Test
    void staffCanRaiseTheUrgencyAndTheDeadlineMovesToClockTime() {
        TestApp.Tokens resident = app.newResident();
        String id = f.file(resident, "roof");
        TestApp.Tokens dispatcher = app.login("dispatcher");
        String routineDue = f.detail(dispatcher, id).get("summary").get("dueAt").asText();
        JsonNode raised = f.actOk(dispatcher, id, action("RAISE_PRIORITY", "reason", "water coming through the ceiling"));
        assertThat(raised.get("summary").get("priority").asText()).isEqualTo("EMERGENCY");
        assertThat(raised.get("summary").get("dueAt").asText()).isLessThanOrEqualTo(routineDue);
        assertThat(f.act(dispatcher, id, action("RAISE_PRIORITY")).statusCode()).isEqualTo(409);
    }

    @Test
    void anOutdatedExpectedVersionIsAConflict() {
        TestApp.Tokens resident = app.newResident();
        String id = f.file(resident, "plumbing");
        TestApp.Tokens dispatcher = app.login("dispatcher");
        int version = f.detail(dispatcher, id).get("version").asInt();
        f.actOk(dispatcher, id, action("COMMENT", "text", "first"));
        assertThat(f.act(dispatcher, id, action("ACCEPT", "expectedVersion", version)).statusCode()).isEqualTo(409);
    }

    private String doneRequest(TestApp.Tokens resident) {
        String id = f.file(resident, "plumbing");
        TestApp.Tokens dispatcher = app.login("dispatcher");
        f.actOk(dispatcher, id, action("ACCEPT"));
        f.actOk(dispatcher, id, action("ASSIGN", "technicianId", f.userId("plumber")));
        TestApp.Tokens plumber = app.login("plumber");
        f.actOk(plumber, id, action("START"));
        f.actOk(plumber, id, action("COMPLETE", "photos", List.of(afterPhoto())));
        return id;
    }

}
