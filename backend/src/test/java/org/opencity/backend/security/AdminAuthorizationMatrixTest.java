package org.opencity.backend.security;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.model.Ids;
import org.opencity.model.Role;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.model.Role.CALL_CENTRE_OPERATOR;
import static org.opencity.model.Role.CITY_ADMIN;
import static org.opencity.model.Role.CITY_DISPATCHER;
import static org.opencity.model.Role.ORG_ADMIN;
import static org.opencity.model.Role.ORG_DISPATCHER;
import static org.opencity.model.Role.RESIDENT;
import static org.opencity.model.Role.TECHNICIAN;

/**
 * Who may change whom: every admin route that touches an account, a device, a responsibility,
 * an organisation or its deadlines, called by every kind of actor (role × organisation) on every
 * kind of target (roles × organisation, territory, device owner). The expected answer is not
 * written per case but computed from the rules in {@code docs/security.md}:
 * <ul>
 * <li>the access policy lets only the route's roles in (403 otherwise);</li>
 * <li>an organisation admin reaches only its own organisation's staff and lines — anything else
 *     is 404, like an id that does not exist — and only through its ORG_ADMIN role: a city
 *     dispatcher who also administers an organisation administers only that organisation;</li>
 * <li>an account is changed only by someone who could grant every role it holds (403);</li>
 * <li>new territory is a city admin's act; an organisation admin only ends its own lines;</li>
 * <li>a device is revoked only through its owner, and a refused revocation changes nothing.</li>
 * </ul>
 * Each case checks the answer and, where it was refused, that nothing changed.
 */
@WithApp
class AdminAuthorizationMatrixTest {

    private static final String PASSWORD = "matrix-password-1";
    private static final String A = "mc-vakhitovsky";
    private static final String B = "mc-sovetsky";

    private final TestApp app;

    AdminAuthorizationMatrixTest(TestApp app) {
        this.app = app;
    }

    /** Someone making calls: their roles, their organisation code (null for residents), their session. */
    record Actor(String name, Set<Role> roles, String organisation, TestApp.Tokens tokens) {
        boolean has(Role role) {
            return roles.contains(role);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** An account acted upon. */
    record Target(String name, String kind, Set<Role> roles, String organisation, UUID id) {
        @Override
        public String toString() {
            return name;
        }
    }

    // ---- the rules, as data -------------------------------------------------------------------

    private static final Set<Role> ADMINS = EnumSet.of(ORG_ADMIN, CITY_ADMIN);
    private static final Set<Role> ORGANISATION_ROLES = EnumSet.of(TECHNICIAN, ORG_DISPATCHER, ORG_ADMIN);

    /** The policy's roles for a route, or 403 before anything is looked at. */
    private static boolean admitted(Actor actor, Set<Role> routeRoles) {
        return actor.roles().stream().anyMatch(routeRoles::contains);
    }

    /** Whether the actor reaches (sees) an account at all. */
    private static boolean reaches(Actor actor, Target target) {
        if (actor.has(CITY_ADMIN)) {
            return true;
        }
        return actor.has(ORG_ADMIN) && target.kind().equals("STAFF") && target.organisation().equals(actor.organisation());
    }

    /** Whether the actor could have granted every role of the account. */
    private static boolean mayChange(Actor actor, Target target) {
        if (actor.has(CITY_ADMIN)) {
            return true;
        }
        return ORGANISATION_ROLES.containsAll(target.roles());
    }

    private static int readAnswer(Actor actor, Target target) {
        if (!admitted(actor, ADMINS)) {
            return 403;
        }
        return reaches(actor, target) ? 200 : 404;
    }

    private static int changeAnswer(Actor actor, Target target, int success) {
        if (!admitted(actor, ADMINS)) {
            return 403;
        }
        if (!reaches(actor, target)) {
            return 404;
        }
        return mayChange(actor, target) ? success : 403;
    }

    private static boolean administers(Actor actor, String organisation) {
        return actor.has(CITY_ADMIN) || actor.has(ORG_ADMIN) && organisation.equals(actor.organisation());
    }

    // ---- the matrix ---------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> whoMayChangeWhom() {
        List<Actor> actors = actors();
        List<Target> targets = targets();
        // a device owner who is none of the targets: its device is always "someone else's"
        Target bystander = new Target("B bystander", "STAFF", Set.of(TECHNICIAN), B,
                                      createStaff(app.loginCityAdmin(), Set.of(TECHNICIAN), B));
        List<DynamicTest> cases = new ArrayList<>();
        for (Actor actor : actors) {
            for (Target target : targets) {
                String on = " " + actor + " → " + target;
                cases.add(DynamicTest.dynamicTest("GET user" + on, () -> expect(
                        app.get("/api/v1/admin/users/" + target.id(), actor.tokens()), readAnswer(actor, target))));
                cases.add(DynamicTest.dynamicTest("GET devices" + on, () -> expect(
                        app.get("/api/v1/admin/users/" + target.id() + "/devices", actor.tokens()), readAnswer(actor, target))));
                cases.add(DynamicTest.dynamicTest("PATCH name" + on, () -> patchChangesOnlyWhenAllowed(
                        actor, target, Map.of("displayName", "Renamed by " + actor), "display_name", "Renamed by " + actor)));
                cases.add(DynamicTest.dynamicTest("PATCH locale" + on, () -> patchChangesOnlyWhenAllowed(
                        actor, target, Map.of("locale", "tt"), "locale", "tt")));
                cases.add(DynamicTest.dynamicTest("PATCH skills" + on, () -> patchSkills(actor, target)));
                cases.add(DynamicTest.dynamicTest("PATCH same roles" + on, () -> patchSameRoles(actor, target)));
                cases.add(DynamicTest.dynamicTest("PATCH password" + on, () -> patchPassword(actor, target)));
                cases.add(DynamicTest.dynamicTest("PATCH active:false" + on, () -> patchInactive(actor, target)));
                cases.add(DynamicTest.dynamicTest("DELETE sign-in delay" + on, () -> expect(
                        app.delete("/api/v1/admin/users/" + target.id() + "/sign-in-delay", actor.tokens()),
                        target.kind().equals("RESIDENT") && changeAnswer(actor, target, 200) == 200 ? 404   // no login, no delay
                                : changeAnswer(actor, target, 200))));
                cases.add(DynamicTest.dynamicTest("DELETE own device" + on, () -> revokeDevice(actor, target, target,
                        changeAnswer(actor, target, 204))));
                cases.add(DynamicTest.dynamicTest("DELETE someone else's device" + on, () -> revokeDevice(actor, target, bystander,
                        admitted(actor, ADMINS) ? (reaches(actor, target) && mayChange(actor, target) || !reaches(actor, target) ? 404 : 403)
                                : 403)));
            }
            cases.add(DynamicTest.dynamicTest("DELETE /me/devices of another account, " + actor, () -> revokeOwnDeviceOf(actor, bystander)));
            cases.add(DynamicTest.dynamicTest("GET users lists only reachable accounts, " + actor, () -> listUsers(actor)));
            for (String organisation : List.of(A, B)) {
                for (Set<Role> roles : List.of(Set.of(TECHNICIAN), Set.of(ORG_ADMIN), Set.of(CITY_DISPATCHER),
                                               Set.of(CALL_CENTRE_OPERATOR), Set.of(CITY_ADMIN))) {
                    cases.add(DynamicTest.dynamicTest("POST user " + actor + " → " + organisation + " " + roles,
                                                      () -> createUser(actor, organisation, roles)));
                }
            }
            for (String organisation : List.of(A, B)) {
                for (String territory : List.of("district vakhitovsky", "district sovetsky", "building in sovetsky")) {
                    cases.add(DynamicTest.dynamicTest("POST responsibility " + actor + " → " + organisation + ", " + territory,
                                                      () -> addResponsibility(actor, organisation, territory)));
                }
                cases.add(DynamicTest.dynamicTest("DELETE responsibility " + actor + " → " + organisation,
                                                  () -> endResponsibility(actor, organisation)));
                cases.add(DynamicTest.dynamicTest("GET responsibilities " + actor + " → " + organisation, () -> expect(
                        app.get("/api/v1/admin/organisations/" + organisation(organisation) + "/responsibilities", actor.tokens()),
                        !admitted(actor, ADMINS) ? 403 : administers(actor, organisation) ? 200 : 404)));
                cases.add(DynamicTest.dynamicTest("PATCH organisation " + actor + " → " + organisation, () -> expect(
                        app.patch("/api/v1/admin/organisations/" + organisation(organisation), Map.of("phone", "+78432000000"),
                                  actor.tokens()),
                        actor.has(CITY_ADMIN) ? 200 : 403)));
                cases.add(DynamicTest.dynamicTest("PUT organisation deadlines " + actor + " → " + organisation, () -> expect(
                        app.put("/api/v1/admin/organisations/" + organisation(organisation) + "/slas/plumbing", Map.of("ACCEPT", 50),
                                actor.tokens()),
                        !admitted(actor, ADMINS) ? 403 : administers(actor, organisation) ? 200 : 404)));
            }
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getDisplayName(), () -> {
            try {
                c.getExecutable().execute();
            } catch (AssertionError e) {
                throw new AssertionError(c.getDisplayName() + ": " + e.getMessage(), e);
            }
        }));
    }

    // ---- cases --------------------------------------------------------------------------------

    private void patchChangesOnlyWhenAllowed(Actor actor, Target target, Map<String, Object> body, String column, String value) {
        String before = column(target.id(), column);
        int expected = changeAnswer(actor, target, 200);
        expect(app.patch("/api/v1/admin/users/" + target.id(), body, actor.tokens()), expected);
        if (expected == 200) {
            assertThat(column(target.id(), column)).isEqualTo(value);
        } else {
            assertThat(column(target.id(), column)).as("unchanged after a refusal").isEqualTo(before);
        }
    }

    private void patchSkills(Actor actor, Target target) {
        long before = count("SELECT count(*) FROM technician_skill WHERE user_id = '" + target.id() + "'");
        int expected = changeAnswer(actor, target, 200);
        expect(app.patch("/api/v1/admin/users/" + target.id(), Map.of("skills", List.of("roofer", "glazier")), actor.tokens()), expected);
        if (expected != 200) {
            assertThat(count("SELECT count(*) FROM technician_skill WHERE user_id = '" + target.id() + "'")).isEqualTo(before);
        }
    }

    private void patchSameRoles(Actor actor, Target target) {
        int expected = target.kind().equals("RESIDENT") && changeAnswer(actor, target, 200) == 200 ? 400
                : changeAnswer(actor, target, 200);
        expect(app.patch("/api/v1/admin/users/" + target.id(), Map.of("roles", target.roles()), actor.tokens()), expected);
    }

    private void patchPassword(Actor actor, Target target) {
        String before = column(target.id(), "password_hash");
        int expected = changeAnswer(actor, target, 200);
        expect(app.patch("/api/v1/admin/users/" + target.id(), Map.of("password", "taken-over-" + UUID.randomUUID()), actor.tokens()),
               expected);
        if (expected != 200) {
            assertThat(column(target.id(), "password_hash")).as("the password is unchanged").isEqualTo(before);
        }
    }

    private void patchInactive(Actor actor, Target target) {
        int expected = changeAnswer(actor, target, 200);
        try {
            expect(app.patch("/api/v1/admin/users/" + target.id(), Map.of("active", false), actor.tokens()), expected);
            if (expected != 200) {
                assertThat(column(target.id(), "active")).as("still active after a refusal").isEqualTo("true");
            }
        } finally {
            app.database().execute("UPDATE app_user SET active = true WHERE id = '" + target.id() + "'");
        }
    }

    /** Revokes {@code owner}'s fresh device through {@code target}'s account path. */
    private void revokeDevice(Actor actor, Target target, Target owner, int expected) {
        UUID device = signedInDevice(owner);
        expect(app.delete("/api/v1/admin/users/" + target.id() + "/devices/" + device, actor.tokens()), expected);
        if (expected == 204) {
            assertThat(column(device, "revoked_at", "device")).isNotEqualTo("null");
            assertThat(liveFamilies(device)).isZero();
        } else {
            assertThat(column(device, "revoked_at", "device")).as("the device is not revoked").isEqualTo("null");
            assertThat(liveFamilies(device)).as("its owner stays signed in").isEqualTo(1);
        }
    }

    private void revokeOwnDeviceOf(Actor actor, Target owner) {
        UUID device = signedInDevice(owner);
        expect(app.delete("/api/v1/me/devices/" + device, actor.tokens()), 404);
        assertThat(column(device, "revoked_at", "device")).as("the device is not revoked").isEqualTo("null");
        assertThat(liveFamilies(device)).as("its owner stays signed in").isEqualTo(1);
    }

    private void listUsers(Actor actor) {
        HttpResponse<String> page = app.get("/api/v1/admin/users?limit=200", actor.tokens());
        expect(page, admitted(actor, ADMINS) ? 200 : 403);
        if (admitted(actor, ADMINS) && !actor.has(CITY_ADMIN)) {
            assertThat(TestApp.json(page).get("items").findValuesAsText("organisationId")).isNotEmpty()
                    .containsOnly(organisation(actor.organisation()));
            assertThat(TestApp.json(page).get("items").findValuesAsText("kind")).containsOnly("STAFF");
        }
    }

    /** A new account: only with roles the actor could grant, only in an organisation it administers (400 otherwise). */
    private void createUser(Actor actor, String organisation, Set<Role> roles) {
        String login = "n" + UUID.randomUUID().toString().substring(0, 12).replace("-", "");
        HttpResponse<String> created = app.post("/api/v1/admin/users", Map.of(
                "login", login, "password", PASSWORD, "displayName", "New " + login, "roles", roles,
                "skills", Set.of(), "organisationId", organisation(organisation)), actor.tokens());
        boolean grants = actor.has(CITY_ADMIN) || ORGANISATION_ROLES.containsAll(roles) && actor.has(ORG_ADMIN);
        int expected = !admitted(actor, ADMINS) ? 403 : grants && administers(actor, organisation) ? 201 : 400;
        expect(created, expected);
        if (expected != 201) {
            assertThat(count("SELECT count(*) FROM app_user WHERE login = '" + login + "'")).as("no account was made").isZero();
        }
    }

    private void addResponsibility(Actor actor, String organisation, String territory) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("categoryCode", "intercom");
        switch (territory) {
            case "district vakhitovsky" -> body.put("districtCode", "vakhitovsky");
            case "district sovetsky" -> body.put("districtCode", "sovetsky");
            default -> body.put("buildingId", building("sovetsky"));
        }
        long before = count("SELECT count(*) FROM responsibility");
        int expected = actor.has(CITY_ADMIN) ? 201 : 403;
        expect(app.post("/api/v1/admin/organisations/" + organisation(organisation) + "/responsibilities", body, actor.tokens()),
               expected);
        if (expected != 201) {
            assertThat(count("SELECT count(*) FROM responsibility")).as("no line was added").isEqualTo(before);
        }
    }

    private void endResponsibility(Actor actor, String organisation) {
        String id = Ids.newId().toString();
        app.database().execute("""
                INSERT INTO responsibility (id, organisation_id, category_id, district_id, valid_from)
                SELECT '%s', o.id, c.id, d.id, DATE '2026-01-01' FROM organisation o, service_category c, district d
                WHERE o.code = '%s' AND c.code = 'lift' AND d.code = 'aviastroitelny'""".formatted(id, organisation));
        int expected = !admitted(actor, ADMINS) ? 403 : administers(actor, organisation) ? 200 : 404;
        expect(app.delete("/api/v1/admin/responsibilities/" + id, actor.tokens()), expected);
        assertThat(column(UUID.fromString(id), "valid_to", "responsibility"))
                .as("ended only when allowed").matches(v -> expected == 200 ? !v.equals("null") : v.equals("null"));
    }

    // ---- fixture ------------------------------------------------------------------------------

    private List<Actor> actors() {
        TestApp.Tokens cityAdmin = app.loginCityAdmin();
        List<Actor> actors = new ArrayList<>();
        actors.add(new Actor("city admin", Set.of(CITY_ADMIN), "housing-committee", cityAdmin));
        actors.add(new Actor("A org admin", Set.of(ORG_ADMIN), A, app.login("orgadmin")));
        actors.add(staffActor(cityAdmin, "B org admin", Set.of(ORG_ADMIN), B));
        actors.add(staffActor(cityAdmin, "A org admin and city dispatcher", Set.of(ORG_ADMIN, CITY_DISPATCHER), A));
        actors.add(staffActor(cityAdmin, "A org admin and call-centre operator", Set.of(ORG_ADMIN, CALL_CENTRE_OPERATOR), A));
        actors.add(new Actor("A org dispatcher", Set.of(ORG_DISPATCHER), A, app.login("dispatcher")));
        actors.add(new Actor("A technician", Set.of(TECHNICIAN), A, app.login("plumber")));
        actors.add(new Actor("city dispatcher", Set.of(CITY_DISPATCHER), "housing-committee", app.login("citydispatcher")));
        actors.add(new Actor("call-centre operator", Set.of(CALL_CENTRE_OPERATOR), "call-centre", app.login("operator")));
        actors.add(new Actor("resident", Set.of(RESIDENT), null, app.newResident()));
        return actors;
    }

    private Actor staffActor(TestApp.Tokens cityAdmin, String name, Set<Role> roles, String organisation) {
        UUID id = createStaff(cityAdmin, roles, organisation);
        return new Actor(name, roles, organisation, app.login(login(id), PASSWORD, UUID.randomUUID()));
    }

    private List<Target> targets() {
        TestApp.Tokens cityAdmin = app.loginCityAdmin();
        List<Target> targets = new ArrayList<>();
        for (Set<Role> roles : List.of(Set.of(TECHNICIAN), Set.of(ORG_DISPATCHER), Set.of(ORG_ADMIN), Set.of(CITY_DISPATCHER),
                                       Set.of(CALL_CENTRE_OPERATOR), Set.of(CITY_ADMIN), Set.of(ORG_ADMIN, CITY_DISPATCHER))) {
            targets.add(new Target("A " + roles, "STAFF", roles, A, createStaff(cityAdmin, roles, A)));
        }
        targets.add(new Target("B technician", "STAFF", Set.of(TECHNICIAN), B, createStaff(cityAdmin, Set.of(TECHNICIAN), B)));
        targets.add(new Target("B org admin", "STAFF", Set.of(ORG_ADMIN), B, createStaff(cityAdmin, Set.of(ORG_ADMIN), B)));
        targets.add(new Target("B city admin", "STAFF", Set.of(CITY_ADMIN), B, createStaff(cityAdmin, Set.of(CITY_ADMIN), B)));
        targets.add(new Target("resident", "RESIDENT", Set.of(RESIDENT), null, app.newResident().userId()));
        return targets;
    }

    private UUID createStaff(TestApp.Tokens cityAdmin, Set<Role> roles, String organisation) {
        String login = "m" + UUID.randomUUID().toString().substring(0, 12).replace("-", "");
        HttpResponse<String> created = app.post("/api/v1/admin/users", Map.of(
                "login", login, "password", PASSWORD, "displayName", "Matrix " + login, "roles", roles,
                "skills", Set.of(), "organisationId", organisation(organisation)), cityAdmin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(TestApp.json(created).get("id").asText());
    }

    /** A device of the account with a live session on it, made in SQL (a sign-in per case would be slow). */
    private UUID signedInDevice(Target owner) {
        UUID device = UUID.randomUUID();
        app.database().execute("""
                INSERT INTO device (id, user_id, platform, created_at, last_seen_at) VALUES ('%s', '%s', 'ANDROID', now(), now())"""
                .formatted(device, owner.id()));
        app.database().execute("""
                INSERT INTO session_family (id, user_id, device_id, created_at, expires_at)
                VALUES ('%s', '%s', '%s', now(), now() + interval '30 days')""".formatted(UUID.randomUUID(), owner.id(), device));
        return device;
    }

    private long liveFamilies(UUID device) {
        return count("SELECT count(*) FROM session_family WHERE revoked_at IS NULL AND device_id = '" + device + "'");
    }

    private void expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (status >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    private String login(UUID id) {
        return column(id, "login");
    }

    private String column(UUID id, String column) {
        return column(id, column, "app_user");
    }

    private String column(UUID id, String column, String table) {
        try (var rows = app.database().client().execute().query(
                "SELECT coalesce(" + column + "::text, 'null') AS v FROM " + table + " WHERE id = '" + id + "'")) {
            return rows.findFirst().map(r -> r.column("v").get().toString()).orElse("missing");
        }
    }

    private long count(String sql) {
        return app.database().count(sql);
    }

    private String organisation(String code) {
        try (var rows = app.database().client().execute().query("SELECT id FROM organisation WHERE code = '" + code + "'")) {
            return rows.findFirst().orElseThrow().column("id").get().toString();
        }
    }

    private String building(String district) {
        try (var rows = app.database().client().execute().query("""
                SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = '%s' LIMIT 1""".formatted(district))) {
            return rows.findFirst().orElseThrow().column("id").get().toString();
        }
    }
}
