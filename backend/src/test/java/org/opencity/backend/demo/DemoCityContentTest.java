package org.opencity.backend.demo;

import io.helidon.dbclient.DbRow;
import org.junit.jupiter.api.Test;
import org.opencity.backend.accounts.PasswordHasher;
import org.opencity.backend.db.Rows;
import org.opencity.backend.testing.TestDatabase;
import org.opencity.backend.testing.WithDatabase;
import org.opencity.backend.web.Json;
import org.opencity.model.GeoPoint;
import org.opencity.model.GeoPolygon;
import org.opencity.model.Role;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the demo city contains: a newcomer's first look must be a plausible, consistent Kazan. */
@WithDatabase(demo = true)
class DemoCityContentTest {

    private final TestDatabase db;
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.Params.OWASP, 2);

    DemoCityContentTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void kazanHasItsSevenDistricts() {
        try (var rows = db.client().execute().query("SELECT name_en FROM district ORDER BY name_en")) {
            assertThat(rows.map(r -> Rows.string(r, "name_en")).toList()).containsExactly(
                    "Aviastroitelny", "Kirovsky", "Moskovsky", "Novo-Savinovsky", "Privolzhsky", "Sovetsky", "Vakhitovsky");
        }
    }

    @Test
    void everyDistrictAndCategoryHasExactlyOneResponsibleOrganisation() {
        assertThat(db.count("""
                SELECT count(*) FROM district d CROSS JOIN service_category c
                WHERE (SELECT count(*) FROM responsibility r
                       WHERE r.district_id = d.id AND r.category_id = c.id) <> 1""")).isZero();
        assertThat(db.count("SELECT count(*) FROM organisation WHERE kind IN ('MANAGEMENT_COMPANY', 'CONTRACTOR', 'RESOURCE_SUPPLIER')"))
                .isBetween(8L, 15L);
    }

    @Test
    void buildingsLieInTheirDistrictAndInsideTheCity() throws Exception {
        DbRow city = db.client().execute().get("SELECT CAST(boundary AS text) AS boundary FROM city").orElseThrow();
        double[][] points = Json.mapper().readValue(Rows.string(city, "boundary"), double[][].class);
        List<GeoPoint> vertices = new ArrayList<>();
        for (double[] p : points) {
            vertices.add(new GeoPoint(p[0], p[1]));
        }
        GeoPolygon boundary = new GeoPolygon(vertices);
        try (var rows = db.client().execute().query("""
                SELECT b.lat, b.lon, d.centre_lat, d.centre_lon, d.radius_m, b.flats, b.managing_org_id
                FROM building b JOIN district d ON d.id = b.district_id""")) {
            rows.forEach(r -> {
                GeoPoint building = new GeoPoint(Rows.doubleValue(r, "lat"), Rows.doubleValue(r, "lon"));
                GeoPoint centre = new GeoPoint(Rows.doubleValue(r, "centre_lat"), Rows.doubleValue(r, "centre_lon"));
                assertThat(building.distanceMetres(centre)).isLessThanOrEqualTo(Rows.intValue(r, "radius_m"));
                assertThat(boundary.contains(building)).isTrue();
                assertThat(Rows.intValue(r, "flats")).isPositive();
                assertThat(Rows.optionalUuid(r, "managing_org_id")).isPresent();
            });
        }
    }

    @Test
    void thereIsADemoAccountForEveryRoleAndTheDemoPasswordWorks() {
        for (Role role : Role.values()) {
            assertThat(db.count("SELECT count(*) FROM user_role WHERE role = '" + role.name() + "'")).as(role.name()).isPositive();
        }
        for (String login : List.of("operator", "plumber", "electrician", "dispatcher", "orgadmin", "citydispatcher", "cityadmin")) {
            String hash = Rows.string(db.client().execute()
                                              .get("SELECT password_hash FROM app_user WHERE login = ?", login)
                                              .orElseThrow(), "password_hash");
            assertThat(hasher.verify(DemoCity.DEMO_PASSWORD, hash)).as(login).isTrue();
        }
        assertThat(db.count("""
                SELECT count(*) FROM app_user u JOIN technician_skill s ON s.user_id = u.id
                WHERE u.login = 'plumber' AND s.skill = 'plumber'""")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM app_user WHERE kind = 'RESIDENT' AND phone = '+79000000001'")).isEqualTo(1);
    }

    @Test
    void emergencyCategoriesAndEveryStageDeadlineAreSeeded() {
        assertThat(db.count("SELECT count(*) FROM service_category WHERE emergency")).isBetween(5L, 10L);
        assertThat(db.count("SELECT count(*) FROM service_category c WHERE (SELECT count(*) FROM category_sla s WHERE s.category_id = c.id) <> 4"))
                .isZero();
    }
}
