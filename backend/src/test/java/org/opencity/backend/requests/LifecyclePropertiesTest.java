package org.opencity.backend.requests;

import io.helidon.dbclient.DbRow;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.testing.TestApp;
import org.opencity.model.Ids;
import org.opencity.model.Role;
import org.opencity.model.request.Action;
import org.opencity.model.request.ActionRequest;
import org.opencity.model.request.Actor;
import org.opencity.model.request.Channel;
import org.opencity.model.request.Facts;
import org.opencity.model.request.Lifecycle;
import org.opencity.model.request.NewRequest;
import org.opencity.model.request.PhotoAnnouncement;
import org.opencity.model.request.PhotoKind;
import org.opencity.model.request.Priority;
import org.opencity.model.request.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of commands from every kind of actor, applied by the real backend code to a
 * real database. After each command: an action the lifecycle table forbids never changed
 * anything; an allowed one moved the status as the table says and wrote exactly one history
 * entry; a stage's deadline was set exactly when the stage started; and the history holds one
 * entry per status change.
 */
class LifecyclePropertiesTest {

    private static TestApp app;
    private static RequestActions actions;
    private static Intake intake;
    private static Map<String, Caller> callers;
    private static UUID building;

    /** One step of a sequence: who does what, with which inputs, after how long. */
    record Command(String who, Action action, boolean reason, boolean afterPhoto, String technician, boolean text, int stars,
                   int minutesLater) {
    }

    @BeforeContainer
    static void start() {
        app = TestApp.start(true);
        Transactions tx = new Transactions(app.database().client());
        Calendars calendars = new Calendars(app.database().client(), app.clock());
        actions = new RequestActions(tx, calendars, app.clock(), List.of());
        intake = new Intake(tx, new RequestNumbers(app.database().client()), actions, calendars, app.clock());
        callers = new LinkedHashMap<>();
        for (String login : List.of("plumber", "vakhitovsky.plumber1", "electrician", "dispatcher", "sovetsky.dispatcher",
                                    "citydispatcher", "operator")) {
            callers.put(login, caller(login));
        }
        callers.put("reporter", caller("+79000000001"));
        building = UUID.fromString(new RequestFixtures(app).building("vakhitovsky"));
    }

    @AfterContainer
    static void stop() {
        app.close();
    }

    @Property(tries = 100)
    void randomCommandSequencesKeepTheLifecycleInvariants(@ForAll("sequences") List<Command> commands) {
        Caller reporter = callers.get("reporter");
        UUID id = Ids.newId();
        intake.create(new Intake.Filer(Channel.MOBILE, reporter.cityId(), Optional.of(reporter.userId()), false, Optional.empty(),
                                       "RESIDENT"),
                      new NewRequest(id, "plumbing", "A leak under the kitchen sink, please come", null, building, null, null,
                                     "7", null, null, null, null, null, List.of()));
        State state = read(id);
        assertThat(state.status).isEqualTo(Status.ROUTED);
        assertThat(state.stage).contains("ACCEPT");
        int statusChanges = 2;   // CREATED (to NEW) and ROUTED

        for (Command c : commands) {
            app.clock().advance(Duration.ofMinutes(c.minutesLater()));
            Instant now = app.clock().instant();
            Caller caller = callers.get(c.who());
            boolean expectAllowed = expected(caller, c, state, now, id);
            boolean succeeded;
            try {
                actions.perform(caller, id, command(c));
                succeeded = true;
            } catch (RuntimeException refused) {
                succeeded = false;
            }
            State after = read(id);
            assertThat(succeeded).as("%s by %s in %s", c.action(), c.who(), state.status).isEqualTo(expectAllowed);
            if (!succeeded) {
                assertThat(after.version).as("a refused action changes nothing").isEqualTo(state.version);
                assertThat(after.events).isEqualTo(state.events);
                continue;
            }
            Lifecycle.Rule rule = Lifecycle.rule(c.action());
            assertThat(after.status).isEqualTo(rule.to().orElse(state.status));
            assertThat(after.version).isEqualTo(state.version + 1);
            assertThat(after.events).as("one history entry per action").isEqualTo(state.events + 1);
            if (rule.to().isPresent()) {
                statusChanges++;
            }
            Optional<String> started = startedStage(c.action());
            if (started != null) {
                assertThat(after.stage).as("stage after " + c.action()).isEqualTo(started);
                if (started.isPresent()) {
                    assertThat(after.stageStartedAt).as("deadline set when the stage starts").contains(now);
                    assertThat(after.dueAt.orElseThrow()).isAfter(now);
                }
            } else if (c.action() != Action.RAISE_PRIORITY && c.action() != Action.RESUME_CLOCK) {
                assertThat(after.stage).isEqualTo(state.stage);
                assertThat(after.stageStartedAt).as("no other action restarts a deadline").isEqualTo(state.stageStartedAt);
                assertThat(after.dueAt).isEqualTo(state.dueAt);
            }
            state = after;
        }
        assertThat(app.database().count("SELECT count(*) FROM request_event WHERE to_status IS NOT NULL AND request_id = '" + id + "'"))
                .as("the history has an entry for every status change").isEqualTo(statusChanges);
    }

    /** What the table (and the data rules outside it) say about a command, from the state before it. */
    private boolean expected(Caller caller, Command c, State s, Instant now, UUID id) {
        boolean visible = caller.cityWide()
                || (caller.hasAny(Set.of(Role.ORG_DISPATCHER, Role.ORG_ADMIN)) && s.organisation.equals(caller.organisationId()))
                || (caller.has(Role.TECHNICIAN) && s.technician.equals(Optional.of(caller.userId())))
                || s.reporter.equals(Optional.of(caller.userId()));
        if (!visible) {
            return false;
        }
        Set<Actor> actors = Actor.of(caller.userId(), caller.roles(), caller.organisationId().orElse(null), s.reporter.orElse(null),
                                     s.technician.orElse(null), s.organisation.orElse(null));
        long storedAfter = app.database().count("SELECT count(*) FROM request_photo WHERE kind = 'AFTER' AND request_id = '" + id + "'");
        boolean withinWindow = s.stage.filter("CONFIRM"::equals).isPresent() && s.dueAt.map(now::isBefore).orElse(false);
        Facts facts = new Facts(c.reason(), c.afterPhoto() || c.action() == Action.COMPLETE && storedAfter > 0 ? 1 : 0,
                                c.technician() != null, true, false, withinWindow, s.rated, c.text(), true, s.paused,
                                s.priority == Priority.EMERGENCY, false);
        if (!(Lifecycle.check(c.action(), s.status, actors, facts) instanceof Lifecycle.Verdict.Allowed)) {
            return false;
        }
        return switch (c.action()) {
            case ASSIGN, REASSIGN -> "plumber".equals(c.technician()) || "vakhitovsky.plumber1".equals(c.technician());
            case RATE -> c.stars() >= 1 && c.stars() <= 5;
            default -> true;
        };
    }

    /** The stage a successful action starts (empty: no deadline runs), or null when it leaves the deadline alone. */
    private static Optional<String> startedStage(Action action) {
        return switch (action) {
            case ACCEPT, DISPUTE -> Optional.of("START");
            case START -> Optional.of("COMPLETE");
            case COMPLETE -> Optional.of("CONFIRM");
            case REROUTE -> Optional.of("ACCEPT");
            case REJECT, CONFIRM, CANCEL -> Optional.empty();
            default -> null;
        };
    }

    private static ActionRequest command(Command c) {
        UUID technician = c.technician() == null ? null : callers.get(c.technician()).userId();
        List<PhotoAnnouncement> photos = c.afterPhoto() ? List.of(new PhotoAnnouncement(
                UUID.randomUUID(), PhotoKind.AFTER, HexFormat.of().formatHex(new byte[32]).replace('0', 'a'), 2048, null, null))
                : List.of();
        UUID organisation = c.action() == Action.REROUTE ? callers.get("dispatcher").organisationId().orElseThrow() : null;
        return new ActionRequest(c.action(), c.reason() ? "because" : null, technician, organisation, null, null, photos,
                                 c.text() ? "a comment" : null, c.action() == Action.RATE ? c.stars() : null, null, null);
    }

    /**
     * Mostly plausible steps (the action's usual actor, the right technician, the happy path more
     * often than not), so that sequences reach deep into the lifecycle; the rest is noise: anyone
     * trying anything.
     */
    @Provide
    Arbitrary<List<Command>> sequences() {
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Action.ACCEPT)),
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Action.ASSIGN)),
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Action.START)),
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Action.COMPLETE)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Action.CONFIRM)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Action.DISPUTE)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Action.RATE)),
                net.jqwik.api.Tuple.of(10, Arbitraries.of(Arrays.stream(Action.values())
                        .filter(a -> !EnumSet.of(Action.ROUTE, Action.SEND_TO_TRIAGE, Action.AUTO_CLOSE, Action.MARK_DUPLICATE, Action.ACKNOWLEDGE)
                                .contains(a)).toList())));
        Arbitrary<Command> command = Combinators.combine(
                action,
                Arbitraries.integers().between(0, 9),
                Arbitraries.of(List.copyOf(callers.keySet())),
                Arbitraries.of(true, true, true, false),
                Arbitraries.of(true, true, false),
                Arbitraries.of("plumber", "plumber", "plumber", "vakhitovsky.plumber1", "electrician", "none"),
                Arbitraries.integers().between(0, 6),
                Arbitraries.of(0, 5, 30, 240, 2 * 24 * 60, 4 * 24 * 60)).as((act, mode, anyone, reason, photo, tech, stars, later) ->
                        new Command(mode < 7 ? usualActor(act) : anyone, act, reason, photo, "none".equals(tech) ? null : tech,
                                    reason, stars, later));
        return command.list().ofMinSize(1).ofMaxSize(30);
    }

    private static String usualActor(Action action) {
        return switch (action) {
            case START, COMPLETE -> "plumber";
            case CONFIRM, DISPUTE, RATE, CANCEL, COMMENT -> "reporter";
            case REROUTE -> "citydispatcher";
            default -> "dispatcher";
        };
    }

    private record State(Status status, Priority priority, Optional<UUID> reporter, Optional<UUID> technician,
                         Optional<UUID> organisation, Optional<String> stage, Optional<Instant> stageStartedAt,
                         Optional<Instant> dueAt, boolean paused, boolean rated, int version, long events) {
    }

    private static State read(UUID id) {
        DbRow r = app.database().client().execute().createGet("""
                SELECT status, priority, reporter_id, technician_id, organisation_id, stage, stage_started_at, due_at,
                       paused_at IS NOT NULL AS paused, rating IS NOT NULL AS rated, version,
                       (SELECT count(*) FROM request_event e WHERE e.request_id = r.id) AS events
                FROM request r WHERE id = :id""").addParam("id", id).execute().orElseThrow();
        return new State(Status.valueOf(Rows.string(r, "status")), Priority.valueOf(Rows.string(r, "priority")),
                         Rows.optionalUuid(r, "reporter_id"), Rows.optionalUuid(r, "technician_id"),
                         Rows.optionalUuid(r, "organisation_id"), Rows.optionalString(r, "stage"),
                         Rows.optionalInstant(r, "stage_started_at"), Rows.optionalInstant(r, "due_at"), Rows.bool(r, "paused"),
                         Rows.bool(r, "rated"), Rows.intValue(r, "version"), Rows.longValue(r, "events"));
    }

    private static Caller caller(String loginOrPhone) {
        DbRow r = app.database().client().execute().createGet("""
                SELECT u.id, u.city_id, u.kind, u.organisation_id,
                       (SELECT string_agg(role, ',') FROM user_role x WHERE x.user_id = u.id) AS roles
                FROM app_user u WHERE u.login = :key OR u.phone = :key""").addParam("key", loginOrPhone).execute().orElseThrow();
        Set<Role> roles = Arrays.stream(Rows.string(r, "roles").split(",")).map(Role::valueOf).collect(Collectors.toSet());
        return new Caller(Rows.uuid(r, "id"), Rows.uuid(r, "city_id"), Rows.string(r, "kind"), roles,
                          Rows.optionalUuid(r, "organisation_id"), UUID.randomUUID(), UUID.randomUUID(), "en", false, false);
    }
}
