package org.opencity.backend.web;

import org.junit.jupiter.api.Test;
import org.opencity.backend.Api;
import org.opencity.backend.testing.RouteRecorder;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The role × route table covers exactly the registered routes, and is enforced. */
@WithApp
class AccessPolicyTest {

    private final TestApp app;

    AccessPolicyTest(TestApp app) {
        this.app = app;
    }

    @Test
    void everyRegisteredRouteHasARuleAndEveryRuleARoute() {
        RouteRecorder recorder = new RouteRecorder();
        Api.routes(recorder, app.app().services());
        Set<String> registered = recorder.routes().stream()
                .filter(r -> !r.method().equals("*"))    // the /api/* fallback answers 404 to everything
                .map(RouteRecorder.Route::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> ruled = Api.policy().rules().stream()
                .filter(r -> !r.path().startsWith("/dev/"))   // demo-only, not registered in this app
                .map(r -> r.method().text() + " " + r.path())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(ruled).isEqualTo(registered);
    }

    @Test
    void anonymousCallsToSignedInRoutesAre401() {
        HttpResponse<String> response = app.get("/api/v1/me");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(TestApp.json(response).get("type").asText()).isEqualTo("/problems/unauthorized");
    }

    @Test
    void aRoleOutsideTheRuleIsRefusedWith403AndLogged() {
        TestApp.Tokens resident = app.signInResident("+79000000002");
        HttpResponse<String> response = app.get("/api/v1/admin/users", resident);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(TestApp.json(response).get("type").asText()).isEqualTo("/problems/forbidden");
        assertThat(app.database().count("SELECT count(*) FROM security_event WHERE kind = 'ACCESS_DENIED' AND user_id = '"
                                                + resident.userId() + "'")).isEqualTo(1);
        TestApp.Tokens technician = app.login("plumber");
        assertThat(app.get("/api/v1/admin/organisations", technician).statusCode()).isEqualTo(403);
        TestApp.Tokens orgAdmin = app.login("orgadmin");
        assertThat(app.get("/api/v1/admin/security-events", orgAdmin).statusCode()).isEqualTo(403);
    }

    @Test
    void aMethodOrPathWithoutARuleIsNotFound() {
        TestApp.Tokens admin = app.login("orgadmin");
        assertThat(app.delete("/api/v1/admin/organisations/" + java.util.UUID.randomUUID(), admin).statusCode()).isEqualTo(404);
        assertThat(app.get("/api/v1/admin/everything", admin).statusCode()).isEqualTo(404);
    }
}
