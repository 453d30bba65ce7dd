package org.opencity.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.TestImages;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Requests in every interesting state, made through the real API, for UI tests and screenshots. */
public final class DemoData {

    public static final String RESIDENT_PHONE = "+79001112233";
    public static final String TECHNICIAN = "vakhitovsky.plumber1";

    private DemoData() {
    }

    /** Signs the demo technician in through the app's staff sign-in. */
    public static void signInTechnician(AppDriver app) {
        app.click("asStaff");
        app.type("login", TECHNICIAN);
        app.type("password", org.opencity.backend.demo.DemoCity.DEMO_PASSWORD);
        app.click("staffSignIn");
    }

    public static String building(TestApp app) {
        return app.database().client().execute().query(
                        "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' ORDER BY b.id LIMIT 1")
                .findFirst().orElseThrow().column(1).get().toString();
    }

    public static String technicianId(TestApp app) {
        return userId(app, TECHNICIAN);
    }

    public static String userId(TestApp app, String login) {
        return app.database().client().execute().query("SELECT id FROM app_user WHERE login = '" + login + "'")
                .findFirst().orElseThrow().column(1).get().toString();
    }

    /** A request of the resident, accepted and assigned to the technician; answers its id. */
    public static String assignedJob(TestApp app, TestApp.Tokens resident, String description) {
        String id = app.fileRequest(resident, "plumbing", building(app), description).get("summary").get("id").asText();
        assign(app, id);
        return id;
    }

    /** Fills in the report screen: the category (searched), the description and the building (searched). */
    public static void describe(TestApp backend, AppDriver app, String category, String text, String building) {
        app.type("categorySearch", category.substring(0, 5));
        app.<org.opencity.model.ServiceCategoryView>select("categories", c -> c.code().equals(category));
        app.type("description", text);
        String address = backend.database().client().execute()
                .query("SELECT street_en || ', ' || house FROM building WHERE id = '" + building + "'")
                .findFirst().orElseThrow().column(1).get().toString();
        app.type("buildingSearch", address);
        app.<org.opencity.model.catalogue.BuildingView>select("buildings", b -> b.id().toString().equals(building));
    }

    /** The organisation accepts a request and gives it to the technician. */
    public static void assign(TestApp app, String id) {
        assign(app, id, TECHNICIAN);
    }

    /** The organisation accepts a request and gives it to this technician. */
    public static void assign(TestApp app, String id, String technician) {
        TestApp.Tokens dispatcher = app.login("vakhitovsky.dispatcher");
        expectOk(app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ACCEPT"), dispatcher));
        expectOk(app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ASSIGN", "technicianId", userId(app, technician)),
                          dispatcher));
    }

    private static void expectOk(java.net.http.HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(response.statusCode() + ": " + response.body());
        }
    }

    /** The technician completes a job (with its AFTER photo uploaded): the resident is asked to confirm and rate. */
    public static void complete(TestApp app, String id) {
        complete(app, id, TECHNICIAN);
    }

    /** This technician completes their job, with its AFTER photo uploaded. */
    public static void complete(TestApp app, String id, String login) {
        TestApp.Tokens technician = app.login(login);
        expectOk(app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "START"), technician));
        byte[] photo = TestImages.jpeg(800, 600);
        String photoId = UUID.randomUUID().toString();
        JsonNode done = TestApp.json(app.post("/api/v1/requests/" + id + "/actions", Map.of(
                "action", "COMPLETE", "note", "Replaced the gasket under the sink", "photos",
                List.of(Map.of("id", photoId, "kind", "AFTER", "sha256", TestImages.sha256(photo), "size", photo.length))), technician));
        if (!done.has("summary")) {
            throw new AssertionError("not completed: " + done);
        }
        app.send(java.net.http.HttpRequest.newBuilder(app.uri("/api/v1/photos/" + photoId + "/upload?offset=0"))
                         .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(photo))
                         .header("Authorization", "Bearer " + technician.access()).build());
    }
}
