package org.opencity.backend.demo;

import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.accounts.PasswordHasher;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.web.Json;
import org.opencity.model.Ids;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Seeds a realistic Kazan for demos and first looks: districts, a few hundred buildings with
 * real street names, the organisations with their responsibilities, the service catalogue with
 * deadlines, and an account for every role.
 *
 * <p>Idempotent: the seed runs in one transaction under an advisory lock and records itself in
 * {@code seed_run}, so a restart, or two instances starting together, seed exactly once.
 */
public final class DemoCity {

    /** Password of every demo staff account. Demo only: the README says so. */
    public static final String DEMO_PASSWORD = "opencity-demo";
    static final String SEED_NAME = "demo-city";
    static final int SEED_VERSION = 1;
    private static final long ADVISORY_LOCK = 0x0C17_5EEDL;
    private static final Logger LOG = Logger.getLogger(DemoCity.class.getName());

    private final Transactions tx;
    private final PasswordHasher hasher;

    public DemoCity(Transactions tx, PasswordHasher hasher) {
        this.tx = tx;
        this.hasher = hasher;
    }

    /** Seeds unless already seeded; answers whether it seeded now. */
    public boolean seed() {
        return tx.inTransaction(t -> {
            t.createQuery("SELECT pg_advisory_xact_lock(:key)").addParam("key", ADVISORY_LOCK).execute().close();
            boolean done = t.createGet("SELECT 1 FROM seed_run WHERE name = :name")
                    .addParam("name", SEED_NAME).execute().isPresent();
            if (done) {
                return false;
            }
            long started = System.nanoTime();
            KazanData data = KazanData.load();
            Seeding s = new Seeding(t, data, hasher.hash(DEMO_PASSWORD));
            s.run();
            t.createInsert("INSERT INTO seed_run (name, version) VALUES (:name, :version)")
                    .addParam("name", SEED_NAME).addParam("version", SEED_VERSION).execute();
            LOG.info("Demo city seeded: " + data.districts().size() + " districts, " + s.buildings + " buildings, "
                             + data.organisations().size() + " organisations, " + data.categories().size()
                             + " categories, " + s.users + " accounts in " + (System.nanoTime() - started) / 1_000_000 + " ms");
            return true;
        });
    }

    /** One seeding run: holds the ids handed out so far. */
    private static final class Seeding {
        private final DbTransaction t;
        private final KazanData data;
        private final String passwordHash;
        private final Random random = new Random(20261128L);   // same city on every machine
        private final UUID cityId = Ids.newId();
        private final Map<String, UUID> districts = new HashMap<>();
        private final Map<String, UUID> categories = new HashMap<>();
        private final Map<String, UUID> organisations = new HashMap<>();
        private int buildings;
        private int users;

        Seeding(DbTransaction t, KazanData data, String passwordHash) {
            this.t = t;
            this.data = data;
            this.passwordHash = passwordHash;
        }

        void run() {
            city();
            data.districts().forEach(this::district);
            data.categories().forEach(this::category);
            data.organisations().forEach(this::organisation);
            data.districts().forEach(this::buildingsOf);
            data.organisations().forEach(o -> o.staff().forEach(a -> staff(a, o.code())));
            data.accounts().forEach(a -> staff(a, a.organisation()));
            data.residents().forEach(this::resident);
        }

        private void city() {
            KazanData.City c = data.city();
            t.createInsert("""
                    INSERT INTO city (id, code, name_en, name_ru, name_tt, timezone, centre_lat, centre_lon, boundary)
                    VALUES (:id, :code, :en, :ru, :tt, :tz, :lat, :lon, CAST(:boundary AS jsonb))""")
                    .addParam("id", cityId).addParam("code", c.code())
                    .addParam("en", c.nameEn()).addParam("ru", c.nameRu()).addParam("tt", c.nameTt())
                    .addParam("tz", c.timezone()).addParam("lat", c.centre()[0]).addParam("lon", c.centre()[1])
                    .addParam("boundary", new String(Json.bytes(c.boundary()), java.nio.charset.StandardCharsets.UTF_8))
                    .execute();
        }

        private void district(KazanData.District d) {
            UUID id = Ids.newId();
            districts.put(d.code(), id);
            t.createInsert("""
                    INSERT INTO district (id, city_id, code, name_en, name_ru, name_tt, centre_lat, centre_lon, radius_m)
                    VALUES (:id, :city, :code, :en, :ru, :tt, :lat, :lon, :radius)""")
                    .addParam("id", id).addParam("city", cityId).addParam("code", d.code())
                    .addParam("en", d.nameEn()).addParam("ru", d.nameRu()).addParam("tt", d.nameTt())
                    .addParam("lat", d.centre()[0]).addParam("lon", d.centre()[1]).addParam("radius", d.radiusM())
                    .execute();
        }

        private void category(KazanData.Category c) {
            UUID id = Ids.newId();
            categories.put(c.code(), id);
            t.createInsert("""
                    INSERT INTO service_category (id, city_id, code, group_code, name_en, name_ru, name_tt, icon,
                                                  emergency, outdoor, skill, sort_order)
                    VALUES (:id, :city, :code, :group, :en, :ru, :tt, :icon, :emergency, :outdoor, :skill, :sort)""")
                    .addParam("id", id).addParam("city", cityId).addParam("code", c.code()).addParam("group", c.group())
                    .addParam("en", c.nameEn()).addParam("ru", c.nameRu()).addParam("tt", c.nameTt())
                    .addParam("icon", c.icon()).addParam("emergency", c.emergency()).addParam("outdoor", c.outdoor())
                    .addParam("skill", c.skill()).addParam("sort", categories.size())
                    .execute();
            c.sla().forEach((stage, minutes) -> t.createInsert("""
                    INSERT INTO category_sla (category_id, stage, duration_minutes) VALUES (:category, :stage, :minutes)""")
                    .addParam("category", id).addParam("stage", stage).addParam("minutes", minutes).execute());
        }

        private void organisation(KazanData.Organisation o) {
            UUID id = Ids.newId();
            organisations.put(o.code(), id);
            t.createInsert("""
                    INSERT INTO organisation (id, city_id, kind, code, name_en, name_ru, phone)
                    VALUES (:id, :city, :kind, :code, :en, :ru, :phone)""")
                    .addParam("id", id).addParam("city", cityId).addParam("kind", o.kind()).addParam("code", o.code())
                    .addParam("en", o.nameEn()).addParam("ru", o.nameRu()).addParam("phone", o.phone())
                    .execute();
            for (KazanData.Responsibility r : o.responsibilities()) {
                for (String district : r.districts()) {
                    for (String category : r.categories()) {
                        t.createInsert("""
                                INSERT INTO responsibility (id, organisation_id, category_id, district_id, valid_from)
                                VALUES (:id, :org, :category, :district, DATE '2020-01-01')""")
                                .addParam("id", Ids.newId()).addParam("org", id)
                                .addParam("category", require(categories, category))
                                .addParam("district", require(districts, district))
                                .execute();
                    }
                }
            }
        }

        /**
         * Houses along each street: a street is a straight line through the district at a random
         * angle, houses stand along it with a little jitter, all within the district's radius.
         */
        private void buildingsOf(KazanData.District d) {
            UUID manager = data.organisations().stream()
                    .filter(o -> d.code().equals(o.managesDistrict()))
                    .map(o -> organisations.get(o.code()))
                    .findFirst().orElse(null);
            List<String[]> streets = d.streets();
            int[] nextHouse = new int[streets.size()];
            double metresPerDegLat = 111_320;
            double metresPerDegLon = 111_320 * Math.cos(Math.toRadians(d.centre()[0]));
            double[] angle = new double[streets.size()];
            double[] offset = new double[streets.size()];
            for (int s = 0; s < streets.size(); s++) {
                angle[s] = random.nextDouble() * Math.PI;
                offset[s] = (random.nextDouble() - 0.5) * d.radiusM();
            }
            for (int i = 0; i < data.buildingsPerDistrict(); i++) {
                int s = i % streets.size();
                int house = ++nextHouse[s] * 2 - (random.nextBoolean() ? 1 : 0);
                double along = (random.nextDouble() - 0.5) * 1.6 * d.radiusM() * 0.6;
                double across = offset[s] * 0.6 + (random.nextDouble() - 0.5) * 40;
                double north = along * Math.sin(angle[s]) + across * Math.cos(angle[s]);
                double east = along * Math.cos(angle[s]) - across * Math.sin(angle[s]);
                int[] floorChoices = {5, 5, 9, 9, 9, 10, 12, 14, 16};
                int floors = floorChoices[random.nextInt(floorChoices.length)];
                int entrances = 1 + random.nextInt(floors >= 12 ? 3 : 6);
                int flatsPerFloor = 3 + random.nextInt(2);
                t.createInsert("""
                        INSERT INTO building (id, city_id, district_id, street_ru, street_en, house, floors, entrances, flats,
                                              lat, lon, managing_org_id)
                        VALUES (:id, :city, :district, :ru, :en, :house, :floors, :entrances, :flats, :lat, :lon, :manager)""")
                        .addParam("id", Ids.newId()).addParam("city", cityId).addParam("district", districts.get(d.code()))
                        .addParam("ru", streets.get(s)[0]).addParam("en", streets.get(s)[1])
                        .addParam("house", Integer.toString(house))
                        .addParam("floors", floors).addParam("entrances", entrances)
                        .addParam("flats", floors * entrances * flatsPerFloor)
                        .addParam("lat", d.centre()[0] + north / metresPerDegLat)
                        .addParam("lon", d.centre()[1] + east / metresPerDegLon)
                        .addParam("manager", manager)
                        .execute();
                buildings++;
            }
        }

        private void staff(KazanData.Account a, String organisation) {
            UUID id = Ids.newId();
            t.createInsert("""
                    INSERT INTO app_user (id, city_id, kind, login, password_hash, display_name, locale, organisation_id)
                    VALUES (:id, :city, 'STAFF', :login, :hash, :name, 'ru', :org)""")
                    .addParam("id", id).addParam("city", cityId).addParam("login", a.login())
                    .addParam("hash", passwordHash).addParam("name", a.name())
                    .addParam("org", require(organisations, organisation))
                    .execute();
            a.roles().forEach(role -> t.createInsert("INSERT INTO user_role (user_id, role) VALUES (:id, :role)")
                    .addParam("id", id).addParam("role", role).execute());
            a.skills().forEach(skill -> t.createInsert("INSERT INTO technician_skill (user_id, skill) VALUES (:id, :skill)")
                    .addParam("id", id).addParam("skill", skill).execute());
            if (a.totpSecret() != null) {
                // demo only: two-factor sign-in already set up with the secret the README publishes
                t.createUpdate("UPDATE app_user SET totp_secret = :secret, totp_enabled_at = now() WHERE id = :id")
                        .addParam("secret", a.totpSecret()).addParam("id", id).execute();
            }
            users++;
        }

        private void resident(KazanData.Resident r) {
            UUID id = Ids.newId();
            t.createInsert("""
                    INSERT INTO app_user (id, city_id, kind, phone, display_name, locale)
                    VALUES (:id, :city, 'RESIDENT', :phone, :name, :locale)""")
                    .addParam("id", id).addParam("city", cityId).addParam("phone", r.phone())
                    .addParam("name", r.name()).addParam("locale", r.locale())
                    .execute();
            t.createInsert("INSERT INTO user_role (user_id, role) VALUES (:id, 'RESIDENT')").addParam("id", id).execute();
            users++;
        }

        private static UUID require(Map<String, UUID> ids, String code) {
            UUID id = ids.get(code);
            if (id == null) {
                throw new IllegalStateException("demo data names an unknown code: " + code);
            }
            return id;
        }
    }
}
