package org.opencity.backend.requests;

import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.deadlines.BusinessCalendar;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.deadlines.Deadlines;
import org.opencity.backend.errors.Conflict;
import org.opencity.backend.errors.Forbidden;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.model.Role;
import org.opencity.model.SlaStage;
import org.opencity.model.request.Action;
import org.opencity.model.request.ActionRequest;
import org.opencity.model.request.Actor;
import org.opencity.model.request.Facts;
import org.opencity.model.request.Lifecycle;
import org.opencity.model.request.PhotoAnnouncement;
import org.opencity.model.request.PhotoKind;
import org.opencity.model.request.Priority;
import org.opencity.model.request.Requirement;
import org.opencity.model.request.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The write side of the lifecycle: every action on a request is judged by the shared
 * {@link Lifecycle} table against the request's current state (read under a row lock), then
 * applied together with its history entry, its deadline and its listeners, in one transaction.
 */
public final class RequestActions {

    /** Device times further than this from the server's are flagged as skewed. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Transactions tx;
    private final Calendars calendars;
    private final Clock clock;
    private final List<RequestListener> listeners;

    public RequestActions(Transactions tx, Calendars calendars, Clock clock, List<RequestListener> listeners) {
        this.tx = tx;
        this.calendars = calendars;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /** Performs a caller's action; answers the request id (the caller then reads the new state). */
    public UUID perform(Caller caller, UUID requestId, ActionRequest command) {
        tx.run(t -> perform(t, caller, requestId, command));
        return requestId;
    }

    /** The same inside a given transaction (the demo history applies many in one). */
    public void perform(DbTransaction t, Caller caller, UUID requestId, ActionRequest command) {
        perform(t, caller, requestId, command, Optional.empty());
    }

    /**
     * The same for a command made on a device whose clock differs from the server's by
     * {@code deviceClockOffset} (known when the device said when it sent the batch): the device's
     * "done at" is kept as reported and flagged when the clocks disagree; deadlines use server time only.
     */
    public void perform(DbTransaction t, Caller caller, UUID requestId, ActionRequest command, Optional<Duration> deviceClockOffset) {
        Instant now = clock.instant();
        RequestRow row = lock(t, caller, requestId).orElseThrow(() -> new NotFound("no such request"));
        if (command.expectedVersion() != null && command.expectedVersion() != row.version()) {
            throw new Conflict("the request changed since you saw it (now version " + row.version() + ", status "
                                       + row.status() + "); reload it");
        }
        Set<Actor> actors = Actor.of(caller.userId(), caller.roles(), caller.organisationId().orElse(null),
                                     row.reporterId().orElse(null), row.technicianId().orElse(null),
                                     row.organisationId().orElse(null));
        Facts facts = facts(t, row, command, now);
        Lifecycle.Verdict verdict = Lifecycle.check(command.action(), row.status(), actors, facts);
        Lifecycle.Rule rule = switch (verdict) {
            case Lifecycle.Verdict.Allowed allowed -> allowed.rule();
            case Lifecycle.Verdict.IllegalInStatus illegal -> throw new Conflict(
                    "cannot " + name(illegal.action()) + " a request that is " + illegal.current());
            case Lifecycle.Verdict.NotPermitted denied -> throw new Forbidden(
                    "you may not " + name(denied.action()) + " this request");
            case Lifecycle.Verdict.Unmet unmet -> throw unmet(unmet.requirement());
        };
        History.Actor actor = new History.Actor(caller.userId(), primaryRole(caller, actors));
        apply(t, caller, row, rule, command, actor, now, deviceClockOffset);
    }

    /**
     * A comment from the other system that filed the request (an Open311 service request update).
     * No user stands behind it, so the history names the API client; it changes no status — the
     * responsible organisation decides what happens next. Answers the history entry's id; a
     * request this client did not file is not found.
     */
    public UUID externalComment(UUID requestId, UUID apiClientId, Map<String, String> detail) {
        return tx.inTransaction(t -> externalComment(t, requestId, apiClientId, detail));
    }

    /** The same inside a given transaction (Open311 records the client's update id with it). */
    public UUID externalComment(DbTransaction t, UUID requestId, UUID apiClientId, Map<String, String> detail) {
        Instant now = clock.instant();
        RequestRow row = t.createGet("SELECT " + RequestRow.COLUMNS + " FROM request r WHERE r.id = :id AND r.api_client_id = :client"
                                             + " FOR UPDATE")
                .addParam("id", requestId).addParam("client", apiClientId).execute().map(RequestRow::of)
                .orElseThrow(() -> new NotFound("no such request sent by this client"));
        new RequestWriter().write(t, row.id(), now);
        History.Actor actor = new History.Actor(null, "API_CLIENT");
        UUID id = History.append(t, row.id(), now, "COMMENT", null, null, actor, false, detail);
        notifyListeners(t, row, "COMMENT", null, null, actor, false, detail, row.organisationId(), row.technicianId(),
                        Optional.empty());
        return id;
    }

    /** Routes a new request (intake) or one re-routed by the city dispatcher. */
    void route(DbTransaction t, RequestRow row, Routing.Decision decision, History.Actor actor, Instant now) {
        route(t, row, decision, actor, now, null);
    }

    private void route(DbTransaction t, RequestRow row, Routing.Decision decision, History.Actor actor, Instant now,
                       String kind) {
        Action action = decision.organisation().isPresent() ? Action.ROUTE : Action.SEND_TO_TRIAGE;
        Lifecycle.Rule rule = Lifecycle.rule(action);
        RequestWriter w = new RequestWriter().set("status", rule.to().orElseThrow());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("routedBy", decision.basis());
        detail.put("reason", decision.note());
        if (decision.organisation().isPresent()) {
            w.set("organisation_id", decision.organisation().get());
            w.deadline(deadline(t, row, decision.organisation(), SlaStage.ACCEPT, now), true);
            detail.put("organisationId", decision.organisation().get());
            detail.put("organisation", organisationCode(t, decision.organisation().get()));
        } else {
            w.set("organisation_id", null).noDeadline();
            if (!decision.candidates().isEmpty()) {
                List<UUID> candidates = decision.candidates().stream().sorted().toList();
                detail.put("organisationIds", String.join(",", candidates.stream().map(UUID::toString).toList()));
                detail.put("organisations", String.join(",", candidates.stream().map(o -> organisationCode(t, o)).sorted().toList()));
            }
        }
        w.write(t, row.id(), now);
        record(t, row, kind != null ? kind : action == Action.ROUTE ? "ROUTED" : "TRIAGED", row.status(),
               rule.to().orElseThrow(), actor, false, detail, decision.organisation(), row.technicianId(), Optional.empty());
    }

    /**
     * Work a technician did offline on a job that was meanwhile taken from them (reassigned or
     * withdrawn): the server's state stands, but nothing is lost — the photos are attached, the
     * note and the device's time go into the history, and the request is flagged for the
     * organisation's dispatcher to decide. Answers false when the caller never had the job.
     */
    public boolean keepOrphanedWork(DbTransaction t, Caller caller, UUID requestId, ActionRequest command) {
        if (!caller.has(Role.TECHNICIAN) || (command.action() != Action.START && command.action() != Action.COMPLETE)) {
            return false;
        }
        Optional<RequestRow> found = t.createGet("SELECT " + RequestRow.COLUMNS + " FROM request r WHERE r.id = :id FOR UPDATE")
                .addParam("id", requestId).execute().map(RequestRow::of);
        if (found.isEmpty() || found.get().technicianId().filter(caller.userId()::equals).isPresent()) {
            return false;
        }
        RequestRow row = found.get();
        boolean hadIt = t.createGet("""
                SELECT 1 FROM request_event WHERE request_id = :id AND kind IN ('ASSIGNED', 'REASSIGNED')
                  AND detail->>'technicianId' = :me LIMIT 1""").addParam("id", requestId).addParam("me", caller.userId().toString())
                .execute().isPresent();
        if (!hadIt) {
            return false;
        }
        Instant now = clock.instant();
        announcePhotos(t, row, command.photos(), caller.userId(), now);
        String attention = "work done offline by a technician after the job left them (" + command.action().name().toLowerCase()
                + "); decide whether it counts";
        new RequestWriter().set("attention", attention).write(t, row.id(), now);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("action", command.action().name());
        detail.put("technician", userName(t, caller.userId()));
        detail.put("technicianId", caller.userId());
        detail.put("note", blank(command.note()) ? null : command.note().strip());
        detail.put("photos", command.photos().size());
        detail.put("doneAt", command.doneAt());
        record(t, row, "OFFLINE_WORK_AFTER_REASSIGNMENT", null, null, new History.Actor(caller.userId(), Role.TECHNICIAN.name()),
               true, detail, row.organisationId(), row.technicianId(), Optional.of(caller.userId()));
        return true;
    }

    /** Closes a request whose confirmation window has passed (the deadline sweeper). */
    void autoClose(DbTransaction t, RequestRow row, Instant now) {
        if (!(Lifecycle.check(Action.AUTO_CLOSE, row.status(), Set.of(Actor.SYSTEM), Facts.forButtons(false, false, false, false, false))
                instanceof Lifecycle.Verdict.Allowed)) {
            return;
        }
        new RequestWriter().set("status", Status.CLOSED).set("closed_at", now).noDeadline().write(t, row.id(), now);
        record(t, row, "AUTO_CLOSED", Status.DONE, Status.CLOSED, History.Actor.SYSTEM, false,
               Map.of("closedBy", "CONFIRMATION_WINDOW"),
               row.organisationId(), row.technicianId(), Optional.empty());
    }

    private void apply(DbTransaction t, Caller caller, RequestRow row, Lifecycle.Rule rule, ActionRequest c, History.Actor actor,
                       Instant now, Optional<Duration> deviceClockOffset) {
        Status from = row.status();
        Status to = rule.to().orElse(from);
        RequestWriter w = new RequestWriter();
        if (rule.to().isPresent()) {
            w.set("status", to);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        Optional<UUID> organisation = row.organisationId();
        Optional<UUID> technician = row.technicianId();
        Optional<UUID> previousTechnician = Optional.empty();
        String kind = c.action().name();
        boolean internal = false;
        switch (c.action()) {
            case ACCEPT -> w.deadline(deadline(t, row, row.organisationId(), SlaStage.START, now), true);
            case REJECT -> {
                w.set("organisation_id", null).noDeadline();
                detail.put("reason", c.reason().strip());
                detail.put("organisationId", row.organisationId().orElse(null));
                detail.put("organisation", row.organisationId().map(o -> organisationCode(t, o)).orElse(null));
                organisation = Optional.empty();
            }
            case ACKNOWLEDGE -> {
                w.set("attention", null);
                detail.put("attention", row.attention().orElse(null));
                detail.put("note", blank(c.text()) ? null : c.text().strip());
                internal = true;
                kind = "ACKNOWLEDGED";
            }
            case REROUTE -> {
                UUID target = requireOrganisation(t, row, c.organisationId());
                route(t, row, new Routing.Decision(Optional.of(target), "DISPATCHER", blank(c.reason()) ? null : c.reason().strip(),
                                                   Set.of()), actor, now, "REROUTED");
                return;
            }
            case ASSIGN, REASSIGN -> {
                UUID tech = requireTechnician(t, row, c.technicianId());
                w.set("technician_id", tech);
                previousTechnician = row.technicianId().filter(p -> !p.equals(tech));
                technician = Optional.of(tech);
                detail.put("technician", userName(t, tech));
                detail.put("technicianId", tech);
                previousTechnician.ifPresent(p -> {
                    detail.put("previousTechnician", userName(t, p));
                    detail.put("previousTechnicianId", p);
                });
                kind = c.action() == Action.ASSIGN ? "ASSIGNED" : "REASSIGNED";
            }
            case START -> {
                announcePhotos(t, row, c.photos(), actor.userId(), now);   // BEFORE photos, optional
                w.deadline(deadline(t, row, row.organisationId(), SlaStage.COMPLETE, now), true);
                detail.put("photos", c.photos().isEmpty() ? null : c.photos().size());
                deviceTime(c, now, deviceClockOffset, detail);
                kind = "STARTED";
            }
            case COMPLETE -> {
                announcePhotos(t, row, c.photos(), actor.userId(), now);
                w.deadline(deadline(t, row, row.organisationId(), SlaStage.CONFIRM, now), true);
                detail.put("note", blank(c.note()) ? null : c.note().strip());
                detail.put("photos", c.photos().size());
                deviceTime(c, now, deviceClockOffset, detail);
                kind = "COMPLETED";
            }
            case CONFIRM -> {
                w.set("closed_at", now).noDeadline();
                kind = "CONFIRMED";
            }
            case DISPUTE -> {
                w.set("technician_id", null).deadline(deadline(t, row, row.organisationId(), SlaStage.START, now), true);
                previousTechnician = row.technicianId();
                technician = Optional.empty();
                detail.put("reason", c.reason().strip());
                kind = "DISPUTED";
            }
            case CANCEL -> {
                w.set("closed_at", now).noDeadline();
                detail.put("reason", blank(c.reason()) ? null : c.reason().strip());
                kind = "CANCELLED";
            }
            case MARK_DUPLICATE -> {
                RequestRow target = requireDuplicateTarget(t, caller, row, c.duplicateOf());
                w.set("duplicate_of", target.id()).set("closed_at", now).noDeadline();
                detail.put("duplicateOf", target.number());
                History.append(t, target.id(), now, "DUPLICATE_LINKED", null, null, actor, false, Map.of("duplicate", row.number()));
                new RequestWriter().write(t, target.id(), now);
                notifyListeners(t, target, "DUPLICATE_LINKED", null, null, actor, false, Map.of("duplicate", row.number()),
                                target.organisationId(), target.technicianId(), Optional.empty());
                kind = "MARKED_DUPLICATE";
            }
            case COMMENT, INTERNAL_COMMENT -> {
                String text = c.text().strip();
                if (text.length() > 2000) {
                    throw ValidationFailed.of("text", "length", "at most 2000 characters");
                }
                detail.put("text", text);
                internal = c.action() == Action.INTERNAL_COMMENT;
            }
            case RATE -> {
                if (c.stars() < 1 || c.stars() > 5) {
                    throw ValidationFailed.of("stars", "range", "1 to 5 stars");
                }
                String comment = blank(c.text()) ? null : c.text().strip();
                if (comment != null && comment.length() > 1000) {
                    throw ValidationFailed.of("text", "length", "at most 1000 characters");
                }
                w.set("rating", c.stars()).set("rating_comment", comment).set("rated_at", now);
                detail.put("stars", c.stars());
                detail.put("comment", comment);
                kind = "RATED";
            }
            case PAUSE_CLOCK -> {
                BusinessCalendar calendar = calendars.of(row.cityId());
                Duration left = row.dueAt().map(due -> Deadlines.remaining(row.stage().orElseThrow(), row.priority(), now, due, calendar))
                        .orElse(Duration.ZERO);
                w.set("paused_at", now).set("pause_reason", c.reason().strip()).set("paused_remaining_sec", left.toSeconds());
                detail.put("reason", c.reason().strip());
                detail.put("stage", row.stage().map(Enum::name).orElse(null));
                kind = "CLOCK_PAUSED";
            }
            case RESUME_CLOCK -> {
                Duration left = Duration.ofSeconds(row.pausedRemainingSec().orElse(0L));
                row.stage().ifPresent(stage -> w.deadline(Deadlines.start(stage, now, row.priority(), left,
                                                                          calendars.of(row.cityId())), false));
                w.set("paused_at", null).set("pause_reason", null).set("paused_remaining_sec", null);
                detail.put("pausedFor", Duration.between(row.pausedAt().orElse(now), now).toMinutes() + " min");
                kind = "CLOCK_RESUMED";
            }
            case RAISE_PRIORITY -> {
                w.set("priority", Priority.EMERGENCY);
                if (row.stage().isPresent() && row.stageStartedAt().isPresent() && row.pausedAt().isEmpty()) {
                    // the running stage is now counted on clock time from when it started
                    Deadlines.Deadline d = Deadlines.start(row.stage().get(), row.stageStartedAt().get(), Priority.EMERGENCY,
                                                           sla(t, row.categoryId(), row.organisationId(), row.stage().get()),
                                                           calendars.of(row.cityId()));
                    w.deadline(d, false);
                }
                detail.put("reason", blank(c.reason()) ? null : c.reason().strip());
                kind = "PRIORITY_RAISED";
            }
            default -> throw new IllegalStateException("not a caller's action: " + c.action());
        }
        w.write(t, row.id(), now);
        record(t, row, kind, from, rule.to().isPresent() ? to : null, actor, internal, detail, organisation, technician,
               previousTechnician);
    }

    /** The request under a row lock, if the caller may see it. */
    private Optional<RequestRow> lock(DbTransaction t, Caller caller, UUID id) {
        Map<String, Object> params = new HashMap<>();
        String scope = Scope.of(caller, params);
        params.put("id", id);
        return t.createGet("SELECT " + RequestRow.COLUMNS + " FROM request r WHERE r.id = :id AND " + scope + " FOR UPDATE")
                .params(params).execute().map(RequestRow::of);
    }

    private Facts facts(DbTransaction t, RequestRow row, ActionRequest c, Instant now) {
        long afterPhotos = c.photos().stream().filter(p -> p.kind() == PhotoKind.AFTER).count();
        if (afterPhotos == 0 && c.action() == Action.COMPLETE) {
            afterPhotos = t.createGet("SELECT count(*) AS n FROM request_photo WHERE request_id = :id AND kind = 'AFTER'")
                    .addParam("id", row.id()).execute().map(r -> Rows.longValue(r, "n")).orElse(0L);
        }
        boolean withinWindow = row.stage().filter(s -> s == SlaStage.CONFIRM).isPresent()
                && row.dueAt().map(now::isBefore).orElse(false);
        return new Facts(!blank(c.reason()), (int) afterPhotos, c.technicianId() != null, c.organisationId() != null,
                         c.duplicateOf() != null, withinWindow, row.rating().isPresent(), !blank(c.text()),
                         c.stars() != null, row.pausedAt().isPresent(), row.priority() == Priority.EMERGENCY,
                         row.attention().isPresent());
    }

    /** The deadline of a stage that starts now while {@code organisation} is responsible. */
    private Deadlines.Deadline deadline(DbTransaction t, RequestRow row, Optional<UUID> organisation, SlaStage stage, Instant now) {
        return Deadlines.start(stage, now, row.priority(), sla(t, row.categoryId(), organisation, stage),
                               calendars.of(row.cityId()));
    }

    /**
     * Minutes for a stage: the responsible organisation's own target when it has one, else the
     * city's standard — and never more than the standard, which is the maximum.
     */
    private static int sla(DbTransaction t, UUID category, Optional<UUID> organisation, SlaStage stage) {
        return t.createGet("""
                SELECT least(c.duration_minutes, coalesce(o.duration_minutes, c.duration_minutes)) AS minutes
                FROM category_sla c
                LEFT JOIN organisation_sla o ON o.category_id = c.category_id AND o.stage = c.stage
                                            AND o.organisation_id = CAST(:org AS uuid)
                WHERE c.category_id = :c AND c.stage = :s""")
                .addParam("c", category).addParam("org", organisation.orElse(null)).addParam("s", stage.name()).execute()
                .map(r -> Rows.intValue(r, "minutes"))
                .orElseThrow(() -> new IllegalStateException("category has no " + stage + " deadline"));
    }

    private UUID requireTechnician(DbTransaction t, RequestRow row, UUID technician) {
        Optional<DbRow> found = t.createGet("""
                SELECT u.id,
                       EXISTS (SELECT 1 FROM technician_skill s JOIN service_category c ON c.skill = s.skill
                               WHERE s.user_id = u.id AND c.id = :category) AS skilled
                FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'TECHNICIAN'
                WHERE u.id = :tech AND u.active AND u.organisation_id = :org""")
                .addParam("category", row.categoryId()).addParam("tech", technician)
                .addParam("org", row.organisationId().orElse(null)).execute();
        if (found.isEmpty()) {
            throw ValidationFailed.of("technicianId", "unknown", "no active technician of the responsible organisation with this id");
        }
        if (!Rows.bool(found.get(), "skilled")) {
            throw ValidationFailed.of("technicianId", "skill", "this technician lacks the skill the category needs");
        }
        return technician;
    }

    private UUID requireOrganisation(DbTransaction t, RequestRow row, UUID organisation) {
        return t.createGet("SELECT id FROM organisation WHERE id = :id AND city_id = :city AND active")
                .addParam("id", organisation).addParam("city", row.cityId()).execute().map(r -> Rows.uuid(r, "id"))
                .orElseThrow(() -> ValidationFailed.of("organisationId", "unknown", "no active organisation with this id"));
    }

    private RequestRow requireDuplicateTarget(DbTransaction t, Caller caller, RequestRow row, UUID targetId) {
        if (targetId.equals(row.id())) {
            throw ValidationFailed.of("duplicateOf", "self", "a request cannot duplicate itself");
        }
        Map<String, Object> params = new HashMap<>();
        String scope = Scope.of(caller, params);
        params.put("id", targetId);
        RequestRow target = t.createGet("SELECT " + RequestRow.COLUMNS + " FROM request r WHERE r.id = :id AND " + scope + " FOR UPDATE")
                .params(params).execute().map(RequestRow::of)
                .orElseThrow(() -> ValidationFailed.of("duplicateOf", "unknown", "no such request"));
        if (target.status() == Status.DUPLICATE || target.status() == Status.CANCELLED) {
            throw ValidationFailed.of("duplicateOf", "closed", "the other request is itself a duplicate or cancelled");
        }
        return target;
    }

    private void announcePhotos(DbTransaction t, RequestRow row, List<PhotoAnnouncement> photos, UUID by, Instant now) {
        Photos.announce(t, row.id(), photos, by, now);
    }

    private static void deviceTime(ActionRequest c, Instant now, Optional<Duration> offset, Map<String, Object> detail) {
        if (c.doneAt() == null) {
            return;
        }
        detail.put("doneAt", c.doneAt());   // as the device reported it; the entry's own time is the server's
        // work done offline may be hours old; a time in the future, or a batch sent "from the future", means a wrong clock
        Duration skew = offset.filter(o -> o.abs().compareTo(CLOCK_SKEW) > 0)
                .orElseGet(() -> c.doneAt().isAfter(now.plus(CLOCK_SKEW)) ? Duration.between(now, c.doneAt()) : Duration.ZERO);
        if (!skew.isZero()) {
            detail.put("clockSkew", "device clock " + (skew.isNegative() ? "behind" : "ahead of") + " the server by "
                    + skew.abs().toMinutes() + " min");
        }
    }

    private void record(DbTransaction t, RequestRow row, String kind, Status from, Status to, History.Actor actor,
                        boolean internal, Map<String, ?> detail, Optional<UUID> organisation, Optional<UUID> technician,
                        Optional<UUID> previousTechnician) {
        History.append(t, row.id(), clock.instant(), kind, from, to, actor, internal, detail);
        notifyListeners(t, row, kind, from, to, actor, internal, detail, organisation, technician, previousTechnician);
    }

    private void notifyListeners(DbTransaction t, RequestRow row, String kind, Status from, Status to, History.Actor actor,
                                 boolean internal, Map<String, ?> detail, Optional<UUID> organisation,
                                 Optional<UUID> technician, Optional<UUID> previousTechnician) {
        if (listeners.isEmpty()) {
            return;
        }
        Map<String, String> text = new LinkedHashMap<>();
        detail.forEach((k, v) -> {
            if (v != null) {
                text.put(k, v.toString());
            }
        });
        RequestListener.Change change = new RequestListener.Change(row.id(), row.cityId(), row.number(), kind, from, to,
                                                                   actor.userId(), actor.role(), row.reporterId(), organisation,
                                                                   row.organisationId(), technician, previousTechnician, internal,
                                                                   text);
        listeners.forEach(l -> l.changed(t, change));
    }

    private static RuntimeException unmet(Requirement requirement) {
        return switch (requirement) {
            case REASON -> ValidationFailed.of("reason", "required", "give a reason");
            case AFTER_PHOTO -> ValidationFailed.of("photos", "after-photo", "completing needs at least one AFTER photo");
            case TECHNICIAN -> ValidationFailed.of("technicianId", "required", "choose a technician");
            case ORGANISATION -> ValidationFailed.of("organisationId", "required", "choose the organisation");
            case DUPLICATE_TARGET -> ValidationFailed.of("duplicateOf", "required", "name the request this one duplicates");
            case TEXT -> ValidationFailed.of("text", "required", "write something");
            case STARS -> ValidationFailed.of("stars", "required", "1 to 5 stars");
            case WITHIN_CONFIRMATION_WINDOW -> new Conflict("the time to dispute this fix has passed");
            case NOT_RATED -> new Conflict("this request has been rated already");
            case CLOCK_RUNNING -> new Conflict("the deadline clock is already paused");
            case CLOCK_PAUSED -> new Conflict("the deadline clock is not paused");
            case ROUTINE_PRIORITY -> new Conflict("the request is already an emergency");
            case ATTENTION -> new Conflict("nothing on this request needs acknowledging");
        };
    }

    /** The role a history entry names: the most specific relation the caller acts in. */
    private static String primaryRole(Caller caller, Set<Actor> actors) {
        if (actors.contains(Actor.REPORTER)) {
            return Role.RESIDENT.name();
        }
        if (actors.contains(Actor.ASSIGNED_TECHNICIAN)) {
            return Role.TECHNICIAN.name();
        }
        if (actors.contains(Actor.ORGANISATION_STAFF)) {
            return caller.has(Role.ORG_DISPATCHER) ? Role.ORG_DISPATCHER.name() : Role.ORG_ADMIN.name();
        }
        if (actors.contains(Actor.CITY_DISPATCHER)) {
            return caller.has(Role.CITY_DISPATCHER) ? Role.CITY_DISPATCHER.name() : Role.CITY_ADMIN.name();
        }
        if (actors.contains(Actor.CALL_CENTRE)) {
            return Role.CALL_CENTRE_OPERATOR.name();
        }
        return caller.roles().stream().findFirst().map(Enum::name).orElse("UNKNOWN");
    }

    /** An organisation's code, for machines reading the history; people get its name from {@code organisationId}. */
    static String organisationCode(DbTransaction t, UUID id) {
        return t.createGet("SELECT code FROM organisation WHERE id = :id").addParam("id", id).execute()
                .map(r -> Rows.string(r, "code")).orElse(id.toString());
    }

    private static String userName(DbTransaction t, UUID id) {
        return t.createGet("SELECT display_name FROM app_user WHERE id = :id").addParam("id", id).execute()
                .map(r -> Rows.string(r, "display_name")).orElse(id.toString());
    }

    private static String name(Action action) {
        return action.name().toLowerCase().replace('_', ' ');
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static LocalDate today(BusinessCalendar calendar, Clock clock) {
        return LocalDate.ofInstant(clock.instant(), calendar.zone());
    }
}
