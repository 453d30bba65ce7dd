package org.opencity.model.request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.opencity.model.request.Actor.ASSIGNED_TECHNICIAN;
import static org.opencity.model.request.Actor.CALL_CENTRE;
import static org.opencity.model.request.Actor.CITY_DISPATCHER;
import static org.opencity.model.request.Actor.ORGANISATION_STAFF;
import static org.opencity.model.request.Actor.REPORTER;
import static org.opencity.model.request.Actor.SYSTEM;
import static org.opencity.model.request.Status.ACCEPTED;
import static org.opencity.model.request.Status.ASSIGNED;
import static org.opencity.model.request.Status.CANCELLED;
import static org.opencity.model.request.Status.CLOSED;
import static org.opencity.model.request.Status.DONE;
import static org.opencity.model.request.Status.DUPLICATE;
import static org.opencity.model.request.Status.IN_PROGRESS;
import static org.opencity.model.request.Status.NEW;
import static org.opencity.model.request.Status.REOPENED;
import static org.opencity.model.request.Status.ROUTED;
import static org.opencity.model.request.Status.TRIAGE;

/**
 * The request state machine: one table of what may be done in which status, by whom, and what it
 * needs. The server decides every action with {@link #check}; the app and the web view show
 * exactly the buttons {@link #available} returns. Changing a rule here changes all three.
 */
public final class Lifecycle {

    /**
     * One line of the table. {@code to} is empty for actions that leave the status as it is
     * (comments, ratings, the deadline clock, priority).
     */
    public record Rule(Action action, Set<Status> from, Optional<Status> to, Set<Actor> actors,
                       Set<Requirement> requires) {
    }

    /** The judgement on one attempted action. */
    public sealed interface Verdict {
        /** Go ahead; the status becomes {@code rule.to()} if present. */
        record Allowed(Rule rule) implements Verdict {
        }

        /** Not possible in the current status (HTTP 409, naming the status). */
        record IllegalInStatus(Action action, Status current) implements Verdict {
        }

        /** This caller may not do it to this request. */
        record NotPermitted(Action action) implements Verdict {
        }

        /** Something the action needs is missing or no longer true. */
        record Unmet(Action action, Requirement requirement) implements Verdict {
        }
    }

    private static final Set<Status> BEFORE_WORK = EnumSet.of(NEW, ROUTED, TRIAGE, ACCEPTED, ASSIGNED);
    private static final Set<Status> CLOCKED = EnumSet.of(ROUTED, ACCEPTED, ASSIGNED, IN_PROGRESS, REOPENED);
    private static final Set<Status> ANY = EnumSet.allOf(Status.class);
    private static final Map<Action, Rule> RULES = new EnumMap<>(Action.class);

    static {
        rule(Action.ROUTE, EnumSet.of(NEW), ROUTED, EnumSet.of(SYSTEM));
        rule(Action.SEND_TO_TRIAGE, EnumSet.of(NEW), TRIAGE, EnumSet.of(SYSTEM));
        rule(Action.ACCEPT, EnumSet.of(ROUTED), ACCEPTED, EnumSet.of(ORGANISATION_STAFF, CITY_DISPATCHER));
        rule(Action.REJECT, EnumSet.of(ROUTED), TRIAGE, EnumSet.of(ORGANISATION_STAFF), Requirement.REASON);
        rule(Action.REROUTE, EnumSet.of(TRIAGE), ROUTED, EnumSet.of(CITY_DISPATCHER), Requirement.ORGANISATION);
        rule(Action.ASSIGN, EnumSet.of(ACCEPTED, REOPENED), ASSIGNED, EnumSet.of(ORGANISATION_STAFF, CITY_DISPATCHER),
             Requirement.TECHNICIAN);
        rule(Action.REASSIGN, EnumSet.of(ASSIGNED, IN_PROGRESS), ASSIGNED, EnumSet.of(ORGANISATION_STAFF, CITY_DISPATCHER),
             Requirement.TECHNICIAN);
        rule(Action.START, EnumSet.of(ASSIGNED), IN_PROGRESS, EnumSet.of(ASSIGNED_TECHNICIAN));
        rule(Action.COMPLETE, EnumSet.of(IN_PROGRESS), DONE, EnumSet.of(ASSIGNED_TECHNICIAN), Requirement.AFTER_PHOTO);
        rule(Action.CONFIRM, EnumSet.of(DONE), CLOSED, EnumSet.of(REPORTER));
        rule(Action.DISPUTE, EnumSet.of(DONE), REOPENED, EnumSet.of(REPORTER), Requirement.REASON,
             Requirement.WITHIN_CONFIRMATION_WINDOW);
        rule(Action.AUTO_CLOSE, EnumSet.of(DONE), CLOSED, EnumSet.of(SYSTEM));
        rule(Action.CANCEL, BEFORE_WORK, CANCELLED, EnumSet.of(REPORTER, CALL_CENTRE, CITY_DISPATCHER));
        rule(Action.MARK_DUPLICATE, BEFORE_WORK, DUPLICATE, EnumSet.of(ORGANISATION_STAFF, CITY_DISPATCHER, CALL_CENTRE),
             Requirement.DUPLICATE_TARGET);
        same(Action.COMMENT, ANY, EnumSet.of(REPORTER, ASSIGNED_TECHNICIAN, ORGANISATION_STAFF, CITY_DISPATCHER, CALL_CENTRE),
             Requirement.TEXT);
        same(Action.INTERNAL_COMMENT, ANY, EnumSet.of(ASSIGNED_TECHNICIAN, ORGANISATION_STAFF, CITY_DISPATCHER, CALL_CENTRE),
             Requirement.TEXT);
        same(Action.RATE, EnumSet.of(DONE, CLOSED), EnumSet.of(REPORTER), Requirement.STARS, Requirement.NOT_RATED);
        same(Action.PAUSE_CLOCK, CLOCKED, EnumSet.of(ORGANISATION_STAFF, ASSIGNED_TECHNICIAN, CITY_DISPATCHER),
             Requirement.REASON, Requirement.CLOCK_RUNNING);
        same(Action.RESUME_CLOCK, CLOCKED, EnumSet.of(ORGANISATION_STAFF, ASSIGNED_TECHNICIAN, CITY_DISPATCHER),
             Requirement.CLOCK_PAUSED);
        same(Action.RAISE_PRIORITY, EnumSet.complementOf(EnumSet.of(DONE, CLOSED, CANCELLED, DUPLICATE)),
             EnumSet.of(ORGANISATION_STAFF, CITY_DISPATCHER, CALL_CENTRE), Requirement.ROUTINE_PRIORITY);
        same(Action.ACKNOWLEDGE, ANY, EnumSet.of(ORGANISATION_STAFF, CITY_DISPATCHER), Requirement.ATTENTION);
    }

    private Lifecycle() {
    }

    /** The whole table, in action order. */
    public static List<Rule> rules() {
        return List.copyOf(RULES.values());
    }

    public static Rule rule(Action action) {
        return RULES.get(action);
    }

    /** Judges one action: status first (409), then who (403/404), then what it needs. */
    public static Verdict check(Action action, Status current, Set<Actor> actors, Facts facts) {
        Rule rule = RULES.get(action);
        if (!rule.from().contains(current)) {
            return new Verdict.IllegalInStatus(action, current);
        }
        if (Collections.disjoint(rule.actors(), actors)) {
            return new Verdict.NotPermitted(action);
        }
        for (Requirement requirement : rule.requires()) {
            if (!facts.satisfies(requirement)) {
                return new Verdict.Unmet(action, requirement);
            }
        }
        return new Verdict.Allowed(rule);
    }

    /** The actions these actors could take now (system actions excluded): the buttons to show. */
    public static List<Action> available(Status current, Set<Actor> actors, Facts stateFacts) {
        List<Action> actions = new ArrayList<>();
        for (Rule rule : RULES.values()) {
            if (rule.actors().contains(SYSTEM) && rule.actors().size() == 1) {
                continue;
            }
            if (check(rule.action(), current, actors, stateFacts) instanceof Verdict.Allowed) {
                actions.add(rule.action());
            }
        }
        return actions;
    }

    private static void rule(Action action, Set<Status> from, Status to, Set<Actor> actors, Requirement... requires) {
        RULES.put(action, new Rule(action, Set.copyOf(from), Optional.of(to), Set.copyOf(actors), requirements(requires)));
    }

    private static void same(Action action, Set<Status> from, Set<Actor> actors, Requirement... requires) {
        RULES.put(action, new Rule(action, Set.copyOf(from), Optional.empty(), Set.copyOf(actors), requirements(requires)));
    }

    private static Set<Requirement> requirements(Requirement... requires) {
        return requires.length == 0 ? Set.of() : Set.copyOf(EnumSet.of(requires[0], requires));
    }
}
