package org.opencity.backend.demo;

import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.requests.Intake;
import org.opencity.backend.requests.RequestActions;
import org.opencity.backend.reports.StageFacts;
import org.opencity.backend.requests.RequestNumbers;
import org.opencity.model.GeoPoint;
import org.opencity.model.Ids;
import org.opencity.model.Role;
import org.opencity.model.request.Action;
import org.opencity.model.request.ActionRequest;
import org.opencity.model.request.CallerContact;
import org.opencity.model.request.Channel;
import org.opencity.model.request.NewRequest;
import org.opencity.model.request.PhotoAnnouncement;
import org.opencity.model.request.PhotoKind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A few hundred requests of the last weeks in every state, with their histories, photos and
 * ratings, so that a newcomer's first look at the board, the app and the reports is alive. They
 * are made through the real intake pipeline and lifecycle actions — with a simulated clock — not
 * by inserting rows, so every rule, deadline and history entry is what the system itself makes.
 * Runs once, in one transaction, recorded in {@code seed_run}.
 */
public final class DemoHistory {

    static final String SEED_NAME = "demo-history";
    private static final Logger LOG = Logger.getLogger(DemoHistory.class.getName());
    private static final int REQUESTS = 300;
    /** The last few requests are open jobs of the technician the README signs in with. */
    private static final int FEATURED_JOBS = 3;
    private static final String FEATURED_TECHNICIAN = "vakhitovsky.plumber1";
    private static final Duration SPAN = Duration.ofDays(45);

    private final Transactions tx;
    private final Calendars calendarsForReal;
    private final Clock realClock;

    public DemoHistory(Transactions tx, Calendars calendars, Clock realClock) {
        this.tx = tx;
        this.calendarsForReal = calendars;
        this.realClock = realClock;
    }

    /** Seeds unless already seeded; answers whether it seeded now. */
    public boolean seed(RequestNumbers numbers, io.helidon.dbclient.DbClient db) {
        long started = System.nanoTime();
        SimulatedClock clock = new SimulatedClock(realClock.instant().minus(SPAN));
        Calendars calendars = new Calendars(db, clock);
        RequestActions actions = new RequestActions(tx, calendars, clock, List.of(new StageFacts()));
        Intake intake = new Intake(tx, numbers, actions, calendars, clock);
        int made = tx.inTransaction(t -> {
            t.createQuery("SELECT pg_advisory_xact_lock(:key)").addParam("key", 0x0C17_5EEEL).execute().close();
            if (t.createGet("SELECT 1 FROM seed_run WHERE name = :n").addParam("n", SEED_NAME).execute().isPresent()) {
                return 0;
            }
            int n = new Run(t, intake, actions, clock, realClock.instant()).run();
            t.createInsert("INSERT INTO seed_run (name, version) VALUES (:n, 1)").addParam("n", SEED_NAME).execute();
            return n;
        });
        if (made > 0) {
            calendarsForReal.invalidate();
            LOG.info("Demo history seeded: " + made + " requests in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
        return made > 0;
    }

    /** One seeding run over one transaction. */
    private static final class Run {
        private final DbTransaction t;
        private final Intake intake;
        private final RequestActions actions;
        private final SimulatedClock clock;
        private final Instant end;
        private final Random random = new Random(20261128L);
        private final List<Caller> residents = new ArrayList<>();
        private final Caller operator;
        private final Caller cityDispatcher;
        private final List<DbRow> buildings;
        private final List<String> categories;
        private final Map<String, String> outdoor;

        Run(DbTransaction t, Intake intake, RequestActions actions, SimulatedClock clock, Instant end) {
            this.t = t;
            this.intake = intake;
            this.actions = actions;
            this.clock = clock;
            this.end = end;
            try (var rows = t.createQuery("SELECT id FROM app_user WHERE kind = 'RESIDENT' ORDER BY phone").execute()) {
                rows.forEach(r -> residents.add(caller(t, Rows.uuid(r, "id"))));
            }
            this.operator = caller(t, userId(t, "operator"));
            this.cityDispatcher = caller(t, userId(t, "citydispatcher"));
            try (var rows = t.createQuery("SELECT id, lat, lon FROM building ORDER BY street_ru, house").execute()) {
                this.buildings = rows.toList();
            }
            try (var rows = t.createQuery("SELECT code, outdoor FROM service_category WHERE active ORDER BY sort_order").execute()) {
                List<DbRow> list = rows.toList();
                this.categories = list.stream().map(r -> Rows.string(r, "code")).toList();
                this.outdoor = list.stream().filter(r -> Rows.bool(r, "outdoor"))
                        .collect(Collectors.toMap(r -> Rows.string(r, "code"), r -> "outdoor"));
            }
        }

        int run() {
            for (int i = 0; i < REQUESTS - FEATURED_JOBS; i++) {
                // spread over the span, the last ones close to now so that open work looks current
                double position = Math.pow((i + 1.0) / REQUESTS, 0.8);
                clock.set(end.minus(SPAN).plus(Duration.ofSeconds((long) (SPAN.toSeconds() * position))).minus(Duration.ofHours(6)));
                live(i, position);
            }
            for (int k = 0; k < FEATURED_JOBS; k++) {
                featuredJob(k);
            }
            return REQUESTS;
        }

        private void live(int i, double position) {
            String category = categories.get(random.nextInt(categories.size()));
            DbRow building = buildings.get(random.nextInt(buildings.size()));
            Caller resident = residents.get(random.nextInt(residents.size()));
            UUID id = Ids.newId();
            boolean byPhone = random.nextInt(4) == 0;
            NewRequest request = new NewRequest(id, category, description(category), outdoor.containsKey(category)
                    ? new GeoPoint(Rows.doubleValue(building, "lat") + 0.0004, Rows.doubleValue(building, "lon")) : null,
                    outdoor.containsKey(category) ? null : Rows.uuid(building, "id"), Integer.toString(1 + random.nextInt(4)),
                    Integer.toString(1 + random.nextInt(9)), Integer.toString(1 + random.nextInt(120)), null, null, null,
                    byPhone ? new CallerContact(phoneOf(resident), null) : null, null, List.of());
            Caller filer = byPhone ? operator : resident;
            intake.create(t, new Intake.Filer(byPhone ? Channel.CALL_CENTRE : Channel.MOBILE, filer.cityId(),
                                              Optional.of(filer.userId()), byPhone, Optional.empty(),
                                              byPhone ? "CALL_CENTRE_OPERATOR" : "RESIDENT"), request);
            Caller reporter = byPhone ? caller(t, reporterOf(id)) : resident;
            Optional<UUID> organisation = organisationOf(id);
            if (organisation.isEmpty()) {
                return;   // left in triage
            }
            Caller dispatcher = caller(t, staffOf(organisation.get(), "ORG_DISPATCHER"));
            int roll = random.nextInt(100);
            boolean recent = position > 0.85;
            if (recent && roll < 12) {
                return;                                                    // still waiting to be accepted
            }
            if (roll < 3 || recent && roll < 15) {
                act(reporter, id, Action.CANCEL, minutes(20, 300), null);
                return;
            }
            if (roll < 6 || recent && roll < 22) {
                act(dispatcher, id, Action.REJECT, minutes(30, 240), "Not in our territory according to our records");
                if (!recent) {
                    act(cityDispatcher, id, Action.REROUTE, minutes(60, 600), null, organisation.get());
                }
                return;
            }
            if (roll < 8 || recent && roll < 26) {
                Optional<UUID> original = earlierOpen(category, id);
                if (original.isPresent()) {
                    clock.advance(minutes(20, 120));
                    perform(cityDispatcher, id, new ActionRequest(Action.MARK_DUPLICATE, null, null, null, original.get(), null,
                                                                  List.of(), null, null, null, null));
                    return;
                }
            }
            act(dispatcher, id, Action.ACCEPT, minutes(10, 180), null);
            if (recent && roll < 36) {
                return;
            }
            Optional<UUID> technician = technicianFor(organisation.get(), id);
            if (technician.isEmpty()) {
                return;
            }
            actTech(dispatcher, id, Action.ASSIGN, minutes(10, 240), technician.get());
            if (recent && roll < 48) {
                return;
            }
            Caller tech = caller(t, technician.get());
            act(tech, id, Action.START, minutes(30, 600), null);
            if (random.nextInt(6) == 0) {
                act(tech, id, Action.COMMENT, minutes(5, 60), "Waiting for a spare part, back tomorrow");
            }
            if (recent && roll < 62) {
                return;
            }
            completeWithPhoto(tech, id, minutes(30, 480));
            if (recent && roll < 78) {
                return;
            }
            if (random.nextInt(12) == 0 || recent && roll < 84) {
                act(reporter, id, Action.DISPUTE, minutes(60, 1440), "The problem came back the next day");
                if (recent) {
                    return;
                }
                actTech(dispatcher, id, Action.ASSIGN, minutes(30, 240), technician.get());
                act(tech, id, Action.START, minutes(30, 600), null);
                completeWithPhoto(tech, id, minutes(30, 480));
            }
            if (random.nextInt(5) < 4) {
                act(reporter, id, Action.CONFIRM, minutes(60, 2880), null);
            } else {
                return;   // left DONE: the sweeper closes it when its window passes
            }
            if (random.nextInt(10) < 7) {
                int stars = Math.max(1, Math.min(5, 5 - Math.abs((int) Math.round(random.nextGaussian() * 1.2))));
                act(reporter, id, Action.RATE, minutes(1, 120), stars >= 4 ? "Thank you, all fixed" : "Slow, but done", null, stars);
            }
        }

        /**
         * Open jobs of the demo technician (vakhitovsky.plumber1), so that the app shows a working
         * day: one overdue to start, one in progress, one just assigned.
         */
        private void featuredJob(int k) {
            Caller tech = caller(t, userId(t, FEATURED_TECHNICIAN));
            UUID organisation = tech.organisationId().orElseThrow();
            List<DbRow> managed = buildings.stream().filter(b -> organisation.equals(managerOf(Rows.uuid(b, "id")))).toList();
            DbRow building = managed.get(random.nextInt(managed.size()));
            Caller resident = residents.get(random.nextInt(residents.size()));
            clock.set(end.minus(switch (k) {
                case 0 -> Duration.ofHours(5);
                case 1 -> Duration.ofHours(3);
                default -> Duration.ofMinutes(40);
            }));
            UUID id = Ids.newId();
            String[] what = {"Water dripping from the ceiling in the bathroom", "Kitchen tap does not shut off",
                             "Toilet cistern keeps running"};
            intake.create(t, new Intake.Filer(Channel.MOBILE, resident.cityId(), Optional.of(resident.userId()), false, Optional.empty(),
                                              "RESIDENT"),
                          new NewRequest(id, "plumbing", what[k % what.length], null, Rows.uuid(building, "id"),
                                         Integer.toString(1 + random.nextInt(4)), Integer.toString(1 + random.nextInt(9)),
                                         Integer.toString(1 + random.nextInt(120)), null, null, null, null, null, List.of()));
            if (!organisationOf(id).map(organisation::equals).orElse(false)) {
                throw new IllegalStateException("a featured job was routed away from " + FEATURED_TECHNICIAN + "'s organisation");
            }
            Caller dispatcher = caller(t, staffOf(organisation, "ORG_DISPATCHER"));
            act(dispatcher, id, Action.ACCEPT, Duration.ofMinutes(10), null);
            actTech(dispatcher, id, Action.ASSIGN, Duration.ofMinutes(5), tech.userId());
            if (k == 1) {
                act(tech, id, Action.START, Duration.ofMinutes(30), null);
            }
        }

        private UUID managerOf(UUID building) {
            return t.createGet("SELECT managing_org_id FROM building WHERE id = :id").addParam("id", building).execute()
                    .flatMap(r -> Rows.optionalUuid(r, "managing_org_id")).orElse(null);
        }

        private void completeWithPhoto(Caller tech, UUID id, Duration later) {
            clock.advance(later);
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            PhotoAnnouncement photo = new PhotoAnnouncement(Ids.newId(), PhotoKind.AFTER, HexFormat.of().formatHex(hash),
                                                            180_000 + random.nextInt(400_000), clock.instant(), null);
            perform(tech, id, new ActionRequest(Action.COMPLETE, null, null, null, null, "Done, checked with the resident",
                                                List.of(photo), null, null, clock.instant(), null));
        }

        private void act(Caller who, UUID id, Action action, Duration later, String text) {
            act(who, id, action, later, text, null);
        }

        private void act(Caller who, UUID id, Action action, Duration later, String text, UUID organisation) {
            act(who, id, action, later, text, organisation, null);
        }

        private void act(Caller who, UUID id, Action action, Duration later, String text, UUID organisation, Integer stars) {
            clock.advance(later);
            boolean isComment = action == Action.COMMENT || action == Action.RATE;
            perform(who, id, new ActionRequest(action, isComment ? null : text, null, organisation, null, null, List.of(),
                                               isComment ? text : null, stars, null, null));
        }

        private void actTech(Caller who, UUID id, Action action, Duration later, UUID technician) {
            clock.advance(later);
            perform(who, id, new ActionRequest(action, null, technician, null, null, null, List.of(), null, null, null, null));
        }

        private void perform(Caller who, UUID id, ActionRequest command) {
            if (clock.instant().isAfter(end)) {
                clock.set(end);   // history never runs into the future
            }
            actions.perform(t, who, id, command);
        }

        private Duration minutes(int min, int max) {
            return Duration.ofMinutes(min + random.nextInt(Math.max(1, max - min)));
        }

        private Optional<UUID> earlierOpen(String category, UUID except) {
            return t.createGet("""
                    SELECT r.id FROM request r JOIN service_category c ON c.id = r.category_id
                    WHERE c.code = :code AND r.id <> :id AND r.status IN ('ROUTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS')
                    ORDER BY r.created_at DESC LIMIT 1""").addParam("code", category).addParam("id", except).execute()
                    .map(r -> Rows.uuid(r, "id"));
        }

        private Optional<UUID> organisationOf(UUID id) {
            return t.createGet("SELECT organisation_id FROM request WHERE id = :id").addParam("id", id).execute()
                    .flatMap(r -> Rows.optionalUuid(r, "organisation_id"));
        }

        private UUID reporterOf(UUID id) {
            return t.createGet("SELECT reporter_id FROM request WHERE id = :id").addParam("id", id).execute()
                    .map(r -> Rows.uuid(r, "reporter_id")).orElseThrow();
        }

        private UUID staffOf(UUID organisation, String role) {
            return t.createGet("""
                    SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = :role
                    WHERE u.organisation_id = :org AND u.active ORDER BY u.login LIMIT 1""")
                    .addParam("role", role).addParam("org", organisation).execute().map(r -> Rows.uuid(r, "id")).orElseThrow();
        }

        private Optional<UUID> technicianFor(UUID organisation, UUID request) {
            List<UUID> skilled;
            try (var rows = t.createQuery("""
                    SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'TECHNICIAN'
                    JOIN technician_skill s ON s.user_id = u.id
                    JOIN service_category c ON c.skill = s.skill JOIN request q ON q.category_id = c.id
                    WHERE q.id = :request AND u.organisation_id = :org AND u.active ORDER BY u.login""")
                    .addParam("request", request).addParam("org", organisation).execute()) {
                skilled = rows.map(r -> Rows.uuid(r, "id")).toList();
            }
            return skilled.isEmpty() ? Optional.empty() : Optional.of(skilled.get(random.nextInt(skilled.size())));
        }

        private String phoneOf(Caller resident) {
            return t.createGet("SELECT phone FROM app_user WHERE id = :id").addParam("id", resident.userId()).execute()
                    .map(r -> Rows.string(r, "phone")).orElseThrow();
        }

        private String description(String category) {
            String[] texts = switch (category) {
                case "water-leak" -> new String[] {"Water is coming through the ceiling from the flat above",
                        "A pipe burst in the basement, water everywhere"};
                case "plumbing" -> new String[] {"The kitchen tap drips all night", "The toilet cistern keeps running"};
                case "no-hot-water" -> new String[] {"No hot water since yesterday evening", "Only lukewarm water from the hot tap"};
                case "no-cold-water" -> new String[] {"No cold water in the whole building", "Very low cold water pressure"};
                case "sewerage" -> new String[] {"The sewer is blocked, water rises in the bath", "Bad smell from the basement drain"};
                case "heating" -> new String[] {"Radiators are cold in every room", "Heating is off in the entrance"};
                case "power-outage" -> new String[] {"No electricity in the flat, neighbours too", "Power keeps tripping off"};
                case "entrance-lighting" -> new String[] {"No light on the stairs between floors 3 and 5", "The entrance lamp flickers"};
                case "lift" -> new String[] {"The lift does not come, stuck on the 9th floor", "Lift doors open and close by themselves"};
                case "roof" -> new String[] {"Water comes through the top-floor ceiling after rain", "Snow melts into the attic"};
                case "intercom" -> new String[] {"The intercom does not open the door", "The entrance door does not lock"};
                case "entrance-cleaning" -> new String[] {"The staircase has not been cleaned for two weeks", "Rubbish left on the landing"};
                case "yard" -> new String[] {"A broken swing on the playground", "Fallen tree blocks the yard"};
                case "refuse" -> new String[] {"Bins overflowing for three days", "Bulky waste left by the containers"};
                default -> new String[] {"Ice on the path to the entrance, people slip", "Snow not cleared from the yard"};
            };
            return texts[random.nextInt(texts.length)];
        }
    }

    private static UUID userId(DbTransaction t, String login) {
        return t.createGet("SELECT id FROM app_user WHERE login = :l").addParam("l", login).execute().map(r -> Rows.uuid(r, "id"))
                .orElseThrow(() -> new IllegalStateException("demo account missing: " + login));
    }

    /** The demo people act as themselves: a caller built from their account, as sign-in would. */
    private static Caller caller(DbTransaction t, UUID userId) {
        DbRow r = t.createGet("""
                SELECT u.id, u.city_id, u.kind, u.organisation_id, u.locale,
                       (SELECT string_agg(role, ',') FROM user_role x WHERE x.user_id = u.id) AS roles
                FROM app_user u WHERE u.id = :id""").addParam("id", userId).execute().orElseThrow();
        Set<Role> roles = Arrays.stream(Rows.string(r, "roles").split(",")).map(Role::valueOf).collect(Collectors.toSet());
        return new Caller(userId, Rows.uuid(r, "city_id"), Rows.string(r, "kind"), roles, Rows.optionalUuid(r, "organisation_id"),
                          new UUID(0, 0), new UUID(0, 0), Rows.string(r, "locale"), false, false);
    }
}
