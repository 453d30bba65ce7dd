package org.opencity.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.opencity.backend.accounts.PasswordHasher;
import org.opencity.backend.config.SettingsLoader;
import org.opencity.backend.db.Database;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.demo.DemoCity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills a database with a city's history at Kazan's scale: the demo city's catalogue and
 * organisations, thousands of buildings, tens of thousands of residents, a few hundred
 * technicians, and millions of requests over five years with seasons (heating in winter, roofs in
 * spring, snow), storm days near 10,000 requests, full histories, ratings and photo metadata, and
 * about 1 % still open; then the stage facts, the requests' analytic counters and the report facts
 * from that history, with the same functions the migrations use. Everything after the schema is set-based SQL run inside PostgreSQL (no
 * row goes through Java), so it is as fast as the server can write.
 *
 * <pre>mvn -q -DskipTests install &amp;&amp; mvn -q -pl bench exec:java -Dexec.args="--db jdbc:postgresql://127.0.0.1:5432/opencity_bench --user postgres --requests 2500000"</pre>
 */
public final class GenerateCity {

    private GenerateCity() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String url = options.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/opencity_bench");
        String user = options.getOrDefault("user", "postgres");
        String password = options.getOrDefault("password", "");
        long requests = Long.parseLong(options.getOrDefault("requests", "2500000"));
        int years = Integer.parseInt(options.getOrDefault("years", "5"));
        long started = System.nanoTime();

        // the schema and the demo city, exactly as the backend makes them
        var settings = SettingsLoader.load(Map.of("DB_URL", url, "DB_USER", user, "DB_PASSWORD", password, "DEMO", "true"));
        try (Database database = Database.open(settings, new SimpleMeterRegistry())) {
            new DemoCity(new Transactions(database.client()), new PasswordHasher(PasswordHasher.Params.OWASP, Runtime.getRuntime().availableProcessors())).seed();
        }
        System.out.printf("schema and demo city: %.1f s%n", seconds(started));

        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = off");
            // no triggers (the report facts' upkeep, foreign keys): the facts are built once, set-based, at the end
            s.execute("SET session_replication_role = replica");
            s.execute("SET work_mem = '256MB'");
            s.execute("SET maintenance_work_mem = '1GB'");
            long count = count(s, "SELECT count(*) FROM request");
            if (count > 1_000) {
                System.out.println("this database already has " + count + " requests; use an empty one");
                return;
            }
            for (Step step : steps(requests, years)) {
                long t = System.nanoTime();
                s.execute(step.sql());
                System.out.printf("%-28s %7.1f s%n", step.name(), seconds(t));
            }
            System.out.printf("%nrequests %,d · events %,d · open %,d · residents %,d · technicians %,d · buildings %,d%n",
                              count(s, "SELECT count(*) FROM request"), count(s, "SELECT count(*) FROM request_event"),
                              count(s, "SELECT count(*) FROM request WHERE status NOT IN ('CLOSED', 'CANCELLED', 'DUPLICATE')"),
                              count(s, "SELECT count(*) FROM app_user WHERE kind = 'RESIDENT'"),
                              count(s, "SELECT count(*) FROM user_role WHERE role = 'TECHNICIAN'"),
                              count(s, "SELECT count(*) FROM building"));
            System.out.printf("busiest day: %,d requests%n", count(s, """
                    SELECT max(n) FROM (SELECT count(*) AS n FROM request GROUP BY (created_at AT TIME ZONE 'Europe/Moscow')::date) d"""));
        }
        System.out.printf("generated in %.1f s%n", seconds(started));
    }

    private record Step(String name, String sql) {
    }

    private static List<Step> steps(long requests, int years) {
        return List.of(
                new Step("buildings", """
                        INSERT INTO building (id, city_id, district_id, street_ru, street_en, house, floors, entrances, flats, lat, lon,
                                              managing_org_id)
                        SELECT uuid_v7(), b.city_id, b.district_id, b.street_ru, b.street_en, b.house || 'к' || g,
                               b.floors, b.entrances, 20 + (random() * 180)::int,
                               b.lat + (random() - 0.5) * 0.01, b.lon + (random() - 0.5) * 0.016, b.managing_org_id
                        FROM building b CROSS JOIN generate_series(1, 21) g
                        ON CONFLICT DO NOTHING"""),
                new Step("residents", """
                        WITH c AS (SELECT id FROM city LIMIT 1)
                        INSERT INTO app_user (id, city_id, kind, phone, display_name, locale, created_at, updated_at)
                        SELECT uuid_v7(), c.id, 'RESIDENT', '+7999' || lpad(g::text, 7, '0'), 'Resident ' || g,
                               (ARRAY['ru', 'ru', 'ru', 'tt', 'en'])[1 + g % 5], now(), now()
                        FROM c CROSS JOIN generate_series(1, 50000) g
                        ON CONFLICT DO NOTHING"""),
                new Step("resident roles", """
                        INSERT INTO user_role (user_id, role)
                        SELECT id, 'RESIDENT' FROM app_user WHERE kind = 'RESIDENT' ON CONFLICT DO NOTHING"""),
                new Step("technicians", """
                        INSERT INTO app_user (id, city_id, kind, login, password_hash, display_name, locale, organisation_id, created_at, updated_at)
                        SELECT uuid_v7(), o.city_id, 'STAFF', 'bench.' || o.code || '.' || g,
                               (SELECT password_hash FROM app_user WHERE login = 'plumber'), 'Technician ' || g || ', ' || o.name_en,
                               'ru', o.id, now(), now()
                        FROM organisation o CROSS JOIN generate_series(1, 30) g
                        WHERE o.kind IN ('MANAGEMENT_COMPANY', 'CONTRACTOR', 'RESOURCE_SUPPLIER')
                        ON CONFLICT DO NOTHING"""),
                new Step("technician roles, skills", """
                        WITH t AS (INSERT INTO user_role (user_id, role)
                                   SELECT id, 'TECHNICIAN' FROM app_user WHERE login LIKE 'bench.%' ON CONFLICT DO NOTHING RETURNING user_id)
                        INSERT INTO technician_skill (user_id, skill)
                        SELECT t.user_id, s.skill FROM t CROSS JOIN (SELECT DISTINCT skill FROM service_category) s
                        ON CONFLICT DO NOTHING"""),
                new Step("helper tables", """
                        DROP TABLE IF EXISTS g_building, g_category, g_resident, g_tech, g_route;
                        CREATE UNLOGGED TABLE g_building AS
                            SELECT row_number() OVER (ORDER BY b.id) AS n, b.id, b.city_id, b.district_id, b.lat, b.lon, b.flats,
                                   b.street_ru || ', ' || b.house AS address, b.managing_org_id FROM building b;
                        CREATE UNLOGGED TABLE g_category AS
                            SELECT row_number() OVER (ORDER BY code) AS n, id, code, outdoor FROM service_category WHERE active;
                        CREATE UNLOGGED TABLE g_resident AS
                            SELECT row_number() OVER (ORDER BY id) AS n, id FROM app_user WHERE kind = 'RESIDENT';
                        CREATE UNLOGGED TABLE g_route AS
                            SELECT DISTINCT ON (category_id, district_id) category_id, district_id, organisation_id
                            FROM responsibility WHERE district_id IS NOT NULL AND valid_to IS NULL;
                        CREATE UNLOGGED TABLE g_tech AS
                            SELECT row_number() OVER (PARTITION BY u.organisation_id ORDER BY u.id) AS n,
                                   count(*) OVER (PARTITION BY u.organisation_id) AS of, u.id, u.organisation_id
                            FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'TECHNICIAN';
                        CREATE INDEX ON g_building (n);
                        CREATE INDEX ON g_resident (n);
                        CREATE INDEX ON g_tech (organisation_id, n);
                        ANALYZE g_building; ANALYZE g_category; ANALYZE g_resident; ANALYZE g_route; ANALYZE g_tech"""),
                // the board tallies are rebuilt once at the end rather than counted row by row by the trigger
                new Step("requests", "ALTER TABLE request DISABLE TRIGGER request_tally_insert_delete; " + requestsSql(requests, years)
                        + "; ALTER TABLE request ENABLE TRIGGER request_tally_insert_delete"),
                new Step("board tallies", "SELECT rebuild_request_tally()"),
                new Step("number sequences", """
                        DO $$
                        DECLARE y record;
                        BEGIN
                            FOR y IN SELECT split_part(number, '-', 2)::int AS year, max(split_part(number, '-', 3)::int) AS top
                                     FROM request WHERE number LIKE 'KZN-%' GROUP BY 1 LOOP
                                EXECUTE format('CREATE SEQUENCE IF NOT EXISTS request_number_kzn_%s START 1', y.year);
                                EXECUTE format('SELECT setval(''request_number_kzn_%s'', %s)', y.year, y.top);
                            END LOOP;
                        END $$"""),
                new Step("histories", eventsSql()),
                new Step("photo metadata", """
                        INSERT INTO request_photo (id, request_id, kind, sha256, size, captured_at, uploaded_by, announced_at, stored_at)
                        SELECT uuid_v7(r.created_at), r.id, 'AFTER', md5(r.id::text) || md5(r.number), 350000 + (random() * 400000)::int,
                               coalesce(r.closed_at, r.updated_at), r.technician_id, coalesce(r.closed_at, r.updated_at),
                               coalesce(r.closed_at, r.updated_at)
                        FROM request r WHERE r.status IN ('CLOSED', 'DONE') AND r.technician_id IS NOT NULL AND random() < 0.3"""),
                new Step("stage facts, counters", "SELECT backfill_stage_facts()"),
                new Step("report facts", "SELECT rebuild_report_facts()"),
                // as autovacuum leaves a city that has run a while: the counter updates' dead rows gone, visibility maps set for
                // index-only scans (measured: reports 1.5–3 times slower on the unvacuumed city), statistics fresh
                new Step("vacuum, statistics", "VACUUM (ANALYZE)"),
                new Step("clean up", "DROP TABLE g_building, g_category, g_resident, g_tech, g_route"));
    }

    /**
     * One row per request: a time over the years (one in 62 on one of the storm days), a category
     * by season, a building, the organisation responsible for the district, the reporter, a status
     * (closed if older than 60 days, a mix of open states otherwise), the deadline running now and
     * a rating for two in five of the closed.
     */
    private static String requestsSql(long requests, int years) {
        return """
                INSERT INTO request (id, city_id, number, channel, status, priority, category_id, description, reporter_id, reporter_type,
                                     district_id, building_id, flat, address, lat, lon, organisation_id, technician_id, stage,
                                     stage_started_at, due_at, warn_at, escalate_city_at, warned, escalation_level, rating, rated_at,
                                     created_at, updated_at, closed_at)
                WITH span AS (SELECT now() - interval '%2$d years' AS since, interval '%2$d years' AS length),
                raw AS (
                    SELECT g,
                           CASE WHEN g %% 62 = 0
                                THEN date_trunc('day', now()) - (ARRAY[40, 400, 760, 1130, 1480])[1 + (g / 62) %% 5] * interval '1 day'
                                     + random() * interval '1 day'
                                ELSE (SELECT since FROM span) + (SELECT length FROM span) * (g::double precision / %1$d) + random() * interval '3 hours'
                           END AS at,
                           random() AS r1, random() AS r2, random() AS r3, random() AS r4
                    FROM generate_series(1, %1$d) g),
                shaped AS (
                    SELECT raw.*, extract(month FROM at)::int AS month, extract(year FROM at)::int AS year,
                           least(at, now() - interval '5 minutes') AS created
                    FROM raw),
                placed AS (
                    SELECT s.*,
                           (SELECT id FROM g_category WHERE code = CASE
                                WHEN s.month IN (11, 12, 1, 2, 3) AND s.r1 < 0.30 THEN 'heating'
                                WHEN s.month IN (12, 1, 2) AND s.r1 < 0.45 THEN 'snow'
                                WHEN s.month IN (3, 4, 5) AND s.r1 < 0.20 THEN 'roof'
                                WHEN s.month IN (6, 7, 8) AND s.r1 < 0.15 THEN 'no-hot-water'
                                ELSE (SELECT code FROM g_category WHERE n = 1 + floor(s.r2 * (SELECT count(*) FROM g_category))::int) END)
                                AS category_id,
                           b.id AS building_id, b.city_id, b.district_id, b.address, b.lat, b.lon, b.managing_org_id,
                           (SELECT id FROM g_resident WHERE n = 1 + (s.g::bigint * 7919) %% (SELECT count(*) FROM g_resident)) AS reporter_id
                    FROM shaped s JOIN g_building b ON b.n = 1 + (s.g::bigint * 104729) %% (SELECT count(*) FROM g_building)),
                routed AS (
                    SELECT p.*, coalesce(rt.organisation_id, p.managing_org_id) AS organisation_id,
                           CASE WHEN p.created < now() - interval '60 days' THEN
                                    CASE WHEN p.r3 < 0.97 THEN 'CLOSED' WHEN p.r3 < 0.99 THEN 'CANCELLED' ELSE 'DUPLICATE' END
                                ELSE CASE WHEN p.r3 < 0.55 THEN 'CLOSED' WHEN p.r3 < 0.70 THEN 'DONE' WHEN p.r3 < 0.79 THEN 'IN_PROGRESS'
                                          WHEN p.r3 < 0.87 THEN 'ASSIGNED' WHEN p.r3 < 0.93 THEN 'ACCEPTED' WHEN p.r3 < 0.985 THEN 'ROUTED'
                                          ELSE 'TRIAGE' END
                           END AS status,
                           row_number() OVER (PARTITION BY p.year ORDER BY p.created, p.g) AS seq
                    FROM placed p LEFT JOIN g_route rt ON rt.category_id = p.category_id AND rt.district_id = p.district_id),
                staffed AS (
                    SELECT r.*,
                           CASE WHEN r.status IN ('ASSIGNED', 'IN_PROGRESS', 'DONE', 'CLOSED')
                                THEN (SELECT t.id FROM g_tech t WHERE t.organisation_id = r.organisation_id
                                      AND t.n = 1 + r.g %% greatest(1, (SELECT max(of) FROM g_tech x WHERE x.organisation_id = r.organisation_id))
                                      LIMIT 1) END AS technician_id,
                           CASE r.status WHEN 'ROUTED' THEN 'ACCEPT' WHEN 'ACCEPTED' THEN 'START' WHEN 'ASSIGNED' THEN 'START'
                                         WHEN 'IN_PROGRESS' THEN 'COMPLETE' WHEN 'DONE' THEN 'CONFIRM' END AS stage,
                           r.created + (8 + r.r4 * 40) * interval '1 hour' + interval '3 days' AS finished
                    FROM routed r),
                -- deadlines as the sweep has left them: passed ones warned and escalated, and a resident's
                -- confirmation window still open (a passed one would have been closed)
                timed AS (
                    SELECT s.*, CASE WHEN s.stage = 'CONFIRM' THEN now() + s.r4 * interval '72 hours'
                                     WHEN s.stage IS NOT NULL THEN s.created + interval '1 hour' + (12 + s.r4 * 72) * interval '1 hour' END AS due,
                           CASE WHEN s.stage IS NOT NULL THEN s.created + interval '1 hour' + (9 + s.r4 * 54) * interval '1 hour' END AS warn,
                           CASE WHEN s.stage IS NOT NULL THEN s.created + interval '1 hour' + (24 + s.r4 * 144) * interval '1 hour' END AS escalate
                    FROM staffed s)
                SELECT uuid_v7(created), city_id, 'KZN-' || year || '-' || lpad(seq::text, 6, '0'),
                       (ARRAY['MOBILE', 'MOBILE', 'MOBILE', 'CALL_CENTRE', 'CALL_CENTRE', 'WEB', 'API', 'OPEN311'])[1 + g %% 8],
                       status, CASE WHEN r4 < 0.03 THEN 'EMERGENCY' ELSE 'ROUTINE' END, category_id,
                       'Request ' || g || ': a problem reported by a resident, as residents describe it', reporter_id, 'INDIVIDUAL',
                       district_id, building_id, (1 + g %% 120)::text, address || ', кв. ' || (1 + g %% 120), lat, lon,
                       CASE WHEN status = 'TRIAGE' THEN NULL ELSE organisation_id END, technician_id, stage,
                       CASE WHEN stage IS NOT NULL THEN created + interval '1 hour' END, due, warn, escalate,
                       stage IS NOT NULL AND stage <> 'CONFIRM' AND warn <= now(),
                       CASE WHEN stage IS NULL OR stage = 'CONFIRM' THEN 0 WHEN escalate <= now() THEN 2 WHEN due <= now() THEN 1 ELSE 0 END,
                       CASE WHEN status = 'CLOSED' AND r2 < 0.4 THEN 1 + floor(r1 * 4.99)::int END,
                       CASE WHEN status = 'CLOSED' AND r2 < 0.4 THEN least(finished + interval '1 day', now()) END,
                       created, least(CASE WHEN status IN ('CLOSED', 'CANCELLED', 'DUPLICATE') THEN finished + interval '1 day' ELSE created + interval '2 hours' END, now()),
                       CASE WHEN status IN ('CLOSED', 'CANCELLED', 'DUPLICATE') THEN least(finished + interval '1 day', now()) END
                FROM timed""".formatted(requests, years);
    }

    /** The history each request's status implies, step by step, with the kinds the lifecycle writes. */
    private static String eventsSql() {
        return """
                INSERT INTO request_event (id, request_id, at, kind, from_status, to_status, actor_id, actor_role, internal, detail)
                SELECT uuid_v7(v.at), r.id, v.at, v.kind, v.from_status, v.to_status, v.actor, v.role, false, '{}'::jsonb
                FROM request r
                CROSS JOIN LATERAL (VALUES
                    (1, r.created_at, 'CREATED', NULL, 'NEW', r.reporter_id, 'RESIDENT'),
                    (2, r.created_at + interval '2 seconds', CASE WHEN r.status = 'TRIAGE' THEN 'TRIAGED' ELSE 'ROUTED' END, 'NEW',
                        CASE WHEN r.status = 'TRIAGE' THEN 'TRIAGE' ELSE 'ROUTED' END, NULL, 'SYSTEM'),
                    (3, r.created_at + interval '3 hours', 'ACCEPT', 'ROUTED', 'ACCEPTED', NULL, 'ORG_DISPATCHER'),
                    (4, r.created_at + interval '5 hours', 'ASSIGNED', 'ACCEPTED', 'ASSIGNED', NULL, 'ORG_DISPATCHER'),
                    (5, r.created_at + interval '20 hours', 'STARTED', 'ASSIGNED', 'IN_PROGRESS', r.technician_id, 'TECHNICIAN'),
                    (6, coalesce(r.closed_at - interval '1 day', r.created_at + interval '30 hours'), 'COMPLETED', 'IN_PROGRESS', 'DONE',
                        r.technician_id, 'TECHNICIAN'),
                    (7, coalesce(r.closed_at, r.updated_at), 'CONFIRMED', 'DONE', 'CLOSED', r.reporter_id, 'RESIDENT'),
                    (8, coalesce(r.closed_at, r.updated_at), CASE r.status WHEN 'CANCELLED' THEN 'CANCELLED' ELSE 'MARKED_DUPLICATE' END,
                        'ROUTED', r.status, NULL, 'ORG_DISPATCHER'))
                    AS v (step, at, kind, from_status, to_status, actor, role)
                WHERE v.step <= CASE r.status WHEN 'TRIAGE' THEN 2 WHEN 'ROUTED' THEN 2 WHEN 'ACCEPTED' THEN 3 WHEN 'ASSIGNED' THEN 4
                                              WHEN 'IN_PROGRESS' THEN 5 WHEN 'DONE' THEN 6 WHEN 'CLOSED' THEN 7 ELSE 2 END
                   OR (v.step = 8 AND r.status IN ('CANCELLED', 'DUPLICATE'))""";
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("options are --name value, not " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
