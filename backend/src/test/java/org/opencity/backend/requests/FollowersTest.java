package org.opencity.backend.requests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.requests.RequestFixtures.action;
import static org.opencity.backend.requests.RequestFixtures.afterPhoto;

/** "Follow this one instead": a resident follows a request someone else reported nearby. */
@WithApp
class FollowersTest {

    private final TestApp app;
    private final RequestFixtures fixtures;

    FollowersTest(TestApp app) {
        this.app = app;
        this.fixtures = new RequestFixtures(app);
    }

    @Test
    void aNeighbourFollowsTheRequestFoundNearbyAndHearsWhenItIsFixed() {
        TestApp.Tokens reporter = app.newResident();
        TestApp.Tokens neighbour = app.newResident();
        app.database().client().execute().dml("UPDATE app_user SET locale = 'en' WHERE id = '" + neighbour.userId() + "'");
        String building = fixtures.building("vakhitovsky");
        JsonNode filed = app.fileRequest(reporter, "plumbing", building, "Water in the basement");
        String id = filed.get("summary").get("id").asText();
        String number = filed.get("summary").get("number").asText();

        JsonNode nearby = TestApp.json(app.get("/api/v1/requests/nearby?category=plumbing&building=" + building, neighbour));
        assertThat(nearby.findValuesAsText("number")).contains(number);
        assertThat(nearby.toString()).as("no personal data in what the neighbour sees").doesNotContain(reporter.userId().toString())
                .doesNotContain("Water in the basement").doesNotContain("кв.");

        assertThat(follow(neighbour, id).statusCode()).isEqualTo(204);
        assertThat(follow(neighbour, id).statusCode()).as("following again changes nothing").isEqualTo(204);
        JsonNode following = TestApp.json(app.get("/api/v1/me/following?lang=en", neighbour));
        assertThat(following).hasSize(1);
        assertThat(following.get(0).get("number").asText()).isEqualTo(number);
        assertThat(following.get(0).get("status").asText()).isEqualTo("ROUTED");
        assertThat(following.get(0).get("categoryName").asText()).startsWith("Plumbing");
        assertThat(following.get(0).toString()).doesNotContain(reporter.userId().toString()).doesNotContain("Water in the basement")
                .as("the building, not the reporter's flat").doesNotContain("кв.");
        assertThat(app.get("/api/v1/requests/" + id, neighbour).statusCode()).as("following is not reporting: no details, no actions")
                .isEqualTo(404);

        TestApp.Tokens dispatcher = app.login("vakhitovsky.dispatcher");
        TestApp.Tokens plumber = app.login("vakhitovsky.plumber1");
        fixtures.actOk(dispatcher, id, action("ACCEPT"));
        fixtures.actOk(dispatcher, id, action("ASSIGN", "technicianId", plumber.userId().toString()));
        fixtures.actOk(plumber, id, action("START"));
        assertThat(notifications(neighbour)).as("nothing until it is fixed").isEmpty();
        fixtures.actOk(plumber, id, action("COMPLETE", "note", "Pipe sealed", "photos", List.of(afterPhoto())));

        JsonNode told = notifications(neighbour);
        assertThat(told).hasSize(1);
        assertThat(told.get(0).get("kind").asText()).isEqualTo("FOLLOWED_REQUEST_UPDATE");
        assertThat(told.get(0).get("title").asText()).isEqualTo("Fixed: " + number + ", which you follow");
        assertThat(told.get(0).get("body").asText()).startsWith("Plumbing").doesNotContain("кв.").endsWith("If the problem is still there, report it again.");
        assertThat(notifications(reporter).get(0).get("kind").asText()).as("the reporter is still the one asked to confirm")
                .isEqualTo("CONFIRM_AND_RATE");
        assertThat(TestApp.json(app.get("/api/v1/me/following", neighbour)).get(0).get("status").asText()).isEqualTo("DONE");

        assertThat(app.send(java.net.http.HttpRequest.newBuilder(app.uri("/api/v1/requests/" + id + "/follow"))
                                    .DELETE().header("Authorization", "Bearer " + neighbour.access()).build()).statusCode()).isEqualTo(204);
        assertThat(TestApp.json(app.get("/api/v1/me/following", neighbour))).isEmpty();
    }

    @Test
    void followersHearOfACancellationAndNothingOfTheRestOfTheLifecycle() {
        TestApp.Tokens reporter = app.newResident();
        TestApp.Tokens neighbour = app.newResident();
        String id = app.fileRequest(reporter, "plumbing", fixtures.building("vakhitovsky"), "Tap leaking").get("summary").get("id").asText();
        follow(neighbour, id);
        fixtures.actOk(reporter, id, action("COMMENT", "text", "Still leaking"));
        fixtures.actOk(reporter, id, action("CANCEL", "reason", "It stopped by itself"));
        JsonNode told = notifications(neighbour);
        assertThat(told).hasSize(1);
        assertThat(told.get(0).get("kind").asText()).isEqualTo("FOLLOWED_REQUEST_UPDATE");
        assertThat(told.get(0).get("title").asText()).as("in the neighbour's language (Russian by default)").contains("отменена");
    }

    @Test
    void onlyResidentsFollowOnlyRequestsOfTheirCityNeverTheirOwnAndAtMostTwoHundred() {
        TestApp.Tokens reporter = app.newResident();
        String id = app.fileRequest(reporter, "plumbing", fixtures.building("sovetsky"), "No hot water").get("summary").get("id").asText();

        HttpResponse<String> own = follow(reporter, id);
        assertThat(own.statusCode()).isEqualTo(409);
        assertThat(TestApp.json(own).get("detail").asText()).contains("your own request");
        assertThat(follow(app.login("vakhitovsky.plumber1"), id).statusCode()).as("staff do not follow").isEqualTo(403);
        assertThat(follow(app.newResident(), UUID.randomUUID().toString()).statusCode()).isEqualTo(404);
        assertThat(app.post("/api/v1/requests/not-a-uuid/follow", Map.of(), app.newResident()).statusCode()).as("a malformed id is simply not found")
                .isEqualTo(404);

        TestApp.Tokens busy = app.newResident();
        // two hundred other requests (copies of this one under new ids and numbers), all followed
        String columns;
        try (var rows = app.database().client().execute().query("""
                SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS c FROM pg_attribute
                WHERE attrelid = 'request'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''""")) {
            columns = rows.findFirst().orElseThrow().column("c").getString();
        }
        app.database().client().execute().dml("""
                INSERT INTO request (%1$s)
                SELECT %1$s FROM jsonb_populate_recordset(NULL::request, (
                    SELECT jsonb_agg(to_jsonb(r) || jsonb_build_object('id', gen_random_uuid(), 'number', r.number || '-' || g))
                    FROM request r, generate_series(1, %2$d) g WHERE r.id = '%3$s'))""".formatted(columns, Followers.MAX_FOLLOWED, id));
        app.database().client().execute().dml("""
                INSERT INTO request_follower (request_id, user_id, followed_at)
                SELECT r.id, '%s', now() FROM request r WHERE r.number LIKE '%%-%%-%%-%%'""".formatted(busy.userId()));
        assertThat(TestApp.json(app.get("/api/v1/me/following", busy))).hasSize(Followers.MAX_FOLLOWED);
        HttpResponse<String> tooMany = follow(busy, id);
        assertThat(tooMany.statusCode()).isEqualTo(409);
        assertThat(TestApp.json(tooMany).get("detail").asText()).contains("200");
    }

    private HttpResponse<String> follow(TestApp.Tokens who, String request) {
        return app.post("/api/v1/requests/" + request + "/follow", Map.of(), who);
    }

    private JsonNode notifications(TestApp.Tokens who) {
        return TestApp.json(app.get("/api/v1/me/notifications?limit=100", who)).get("items");
    }
}
