package org.opencity.backend.notify;

import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.db.Rows;
import org.opencity.backend.requests.Followers;
import org.opencity.backend.requests.PublicAddress;
import org.opencity.backend.requests.RequestListener;
import org.opencity.model.Role;
import org.opencity.model.notify.NotificationKind;
import org.opencity.model.request.Status;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.opencity.model.notify.NotificationKind.CONFIRM_AND_RATE;
import static org.opencity.model.notify.NotificationKind.DEADLINE_NEAR;
import static org.opencity.model.notify.NotificationKind.FOLLOWED_REQUEST_UPDATE;
import static org.opencity.model.notify.NotificationKind.JOB_ASSIGNED;
import static org.opencity.model.notify.NotificationKind.JOB_CANCELLED;
import static org.opencity.model.notify.NotificationKind.JOB_CHANGED;
import static org.opencity.model.notify.NotificationKind.JOB_TAKEN_AWAY;
import static org.opencity.model.notify.NotificationKind.NEEDS_ATTENTION;
import static org.opencity.model.notify.NotificationKind.OFFLINE_WORK_KEPT;
import static org.opencity.model.notify.NotificationKind.ORGANISATION_COMMENT;
import static org.opencity.model.notify.NotificationKind.OVERDUE;
import static org.opencity.model.notify.NotificationKind.REQUEST_ACCEPTED;
import static org.opencity.model.notify.NotificationKind.REQUEST_CANCELLED;
import static org.opencity.model.notify.NotificationKind.REQUEST_CLOSED;
import static org.opencity.model.notify.NotificationKind.REQUEST_MERGED;
import static org.opencity.model.notify.NotificationKind.REQUEST_REOPENED;
import static org.opencity.model.notify.NotificationKind.TECHNICIAN_ASSIGNED;
import static org.opencity.model.notify.NotificationKind.TRIAGE_ITEM;

/**
 * Who is told what, decided inside the transaction of each change (design §6):
 * <ul>
 * <li>technician — a job assigned; their job changed (a resident's comment, a dispute, made an
 *     emergency), taken away, cancelled; a deadline near; their offline work kept after a reassignment;</li>
 * <li>resident — their request accepted, a technician assigned, done (a prompt to confirm and rate),
 *     reopened or closed by someone else, cancelled by someone else, a comment from the organisation,
 *     joined with a duplicate (both reporters); a request they follow fixed or cancelled;</li>
 * <li>dispatchers — overdue escalations (the organisation's, then the city's), new triage items (the
 *     city's), offline work that needs a decision (the organisation's).</li>
 * </ul>
 * Nobody is told of what they did themselves; internal history entries tell no resident anything.
 */
public final class Notifier implements RequestListener {

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("dd.MM HH:mm");

    private final Inbox inbox;
    private final Texts texts = new Texts();

    public Notifier(Inbox inbox) {
        this.inbox = inbox;
    }

    /** One notification to make: for whom, of which kind, with which texts (and whether even the actor hears it). */
    private record Note(UUID to, NotificationKind kind, String key, String bodyKey, boolean evenForActor) {
        Note(UUID to, NotificationKind kind, String key) {
            this(to, kind, key, key, false);
        }

        Note(UUID to, NotificationKind kind, String key, String bodyKey) {
            this(to, kind, key, bodyKey, false);
        }
    }

    @Override
    public void changed(DbTransaction t, Change c) {
        List<Note> notes = decide(t, c);
        if (notes.isEmpty()) {
            return;
        }
        Context ctx = context(t, c.requestId());
        Map<UUID, String> locales = locales(t, notes.stream().map(Note::to).distinct().toList());
        for (Note note : notes) {
            if ((note.to().equals(c.actorId()) && !note.evenForActor()) || !locales.containsKey(note.to())) {
                continue;   // not for what you did yourself; not for deactivated people
            }
            String locale = locales.get(note.to());
            Map<String, String> values = values(ctx, c, locale);
            inbox.add(t, note.to(), note.kind(), Optional.of(c.requestId()),
                      texts.render(locale, note.key() + ".title", values), texts.render(locale, note.bodyKey() + ".body", values));
        }
    }

    private List<Note> decide(DbTransaction t, Change c) {
        List<Note> notes = new ArrayList<>();
        Optional<UUID> reporter = c.internal() ? Optional.empty() : c.reporterId();
        boolean byReporter = c.reporterId().map(r -> r.equals(c.actorId())).orElse(false);
        switch (c.kind()) {
            case "ACCEPT" -> reporter.ifPresent(r -> notes.add(new Note(r, REQUEST_ACCEPTED, "request.accepted")));
            case "ASSIGNED", "REASSIGNED" -> {
                c.technicianId().ifPresent(tech -> notes.add(new Note(tech, JOB_ASSIGNED, "job.assigned")));
                c.previousTechnicianId().ifPresent(p -> notes.add(new Note(p, JOB_TAKEN_AWAY, "job.taken")));
                reporter.ifPresent(r -> notes.add(new Note(r, TECHNICIAN_ASSIGNED, "request.technician")));
            }
            case "REROUTED", "REJECT" -> {
                c.previousTechnicianId().or(c::technicianId).ifPresent(p -> notes.add(new Note(p, JOB_TAKEN_AWAY, "job.taken")));
                if (c.to() == Status.TRIAGE) {
                    cityDispatchers(t, c.requestId()).forEach(d -> notes.add(new Note(d, TRIAGE_ITEM, "dispatch.triage")));
                }
            }
            case "TRIAGED" -> cityDispatchers(t, c.requestId()).forEach(d -> notes.add(new Note(d, TRIAGE_ITEM, "dispatch.triage")));
            case "COMPLETED" -> {
                reporter.ifPresent(r -> notes.add(new Note(r, CONFIRM_AND_RATE, "request.done")));
                Followers.followersOf(t, c.requestId()).forEach(f -> notes.add(new Note(f, FOLLOWED_REQUEST_UPDATE, "followed.done")));
            }
            case "DISPUTED" -> {
                c.previousTechnicianId().ifPresent(p -> notes.add(new Note(p, JOB_CHANGED, "job.disputed")));
                if (!byReporter) {
                    reporter.ifPresent(r -> notes.add(new Note(r, REQUEST_REOPENED, "request.reopened")));
                }
            }
            case "CONFIRMED" -> {
                if (!byReporter) {
                    reporter.ifPresent(r -> notes.add(new Note(r, REQUEST_CLOSED, "request.closed")));
                }
            }
            case "AUTO_CLOSED" -> reporter.ifPresent(r -> notes.add(new Note(r, REQUEST_CLOSED, "request.closed", "request.autoclosed")));
            case "CANCELLED" -> {
                c.technicianId().ifPresent(tech -> notes.add(new Note(tech, JOB_CANCELLED, "job.cancelled")));
                Followers.followersOf(t, c.requestId()).forEach(f -> notes.add(new Note(f, FOLLOWED_REQUEST_UPDATE, "followed.cancelled")));
                if (!byReporter) {
                    reporter.ifPresent(r -> notes.add(new Note(r, REQUEST_CANCELLED, "request.cancelled")));
                }
            }
            case "COMMENT" -> {
                if (byReporter) {
                    c.technicianId().ifPresent(tech -> notes.add(new Note(tech, JOB_CHANGED, "job.comment")));
                } else if (!Role.RESIDENT.name().equals(c.actorRole())) {
                    reporter.ifPresent(r -> notes.add(new Note(r, ORGANISATION_COMMENT, "request.comment")));
                }
            }
            case "PRIORITY_RAISED" -> c.technicianId().ifPresent(tech -> notes.add(new Note(tech, JOB_CHANGED, "job.priority")));
            case "MARKED_DUPLICATE" -> reporter.ifPresent(r -> notes.add(new Note(r, REQUEST_MERGED, "request.merged")));
            case "DUPLICATE_LINKED" -> reporter.ifPresent(r -> notes.add(new Note(r, REQUEST_MERGED, "request.linked")));
            case "DEADLINE_WARNING" -> {
                if (c.technicianId().isPresent()) {
                    notes.add(new Note(c.technicianId().get(), DEADLINE_NEAR, "deadline.near"));
                } else {
                    organisationDispatchers(t, c.organisationId()).forEach(d -> notes.add(new Note(d, DEADLINE_NEAR, "deadline.near")));
                }
            }
            case "ESCALATED" -> {
                List<UUID> to = "CITY".equals(c.detail().get("level")) ? cityDispatchers(t, c.requestId())
                        : organisationDispatchers(t, c.organisationId());
                to.forEach(d -> notes.add(new Note(d, OVERDUE, "dispatch.overdue")));
            }
            case "OFFLINE_WORK_AFTER_REASSIGNMENT" -> {
                // the technician's own phone hears that the work was kept but the job is no longer theirs
                notes.add(new Note(c.actorId(), OFFLINE_WORK_KEPT, "offline.kept", "offline.kept", true));
                organisationDispatchers(t, c.organisationId()).forEach(d -> notes.add(new Note(d, NEEDS_ATTENTION, "dispatch.attention")));
            }
            default -> {
                // created, routed, started, rated, paused, resumed, acknowledged, internal comments: nobody needs a push
            }
        }
        return notes;
    }

    private record Context(String number, String address, String place, Map<String, String> category, Map<String, String> organisation,
                           String technician, Optional<Instant> due, ZoneId zone, UUID cityId) {
    }

    private Context context(DbTransaction t, UUID request) {
        DbRow r = t.createGet("""
                SELECT r.number, r.address, %s AS place, r.due_at, c.name_en, c.name_ru, c.name_tt, o.name_en AS org_en, o.name_ru AS org_ru,
                       u.display_name AS technician, ci.timezone, r.city_id
                FROM request r JOIN service_category c ON c.id = r.category_id JOIN city ci ON ci.id = r.city_id
                LEFT JOIN organisation o ON o.id = r.organisation_id LEFT JOIN app_user u ON u.id = r.technician_id
                LEFT JOIN building b ON b.id = r.building_id
                WHERE r.id = :id""".formatted(PublicAddress.sql("ru"))).addParam("id", request).execute().orElseThrow();
        Map<String, String> category = Map.of("en", Rows.string(r, "name_en"), "ru", Rows.string(r, "name_ru"), "tt", Rows.string(r, "name_tt"));
        String orgRu = Rows.optionalString(r, "org_ru").orElse("");
        Map<String, String> organisation = Map.of("en", Rows.optionalString(r, "org_en").orElse(""), "ru", orgRu, "tt", orgRu);
        return new Context(Rows.string(r, "number"), Rows.string(r, "address"), Rows.string(r, "place"), category, organisation,
                           Rows.optionalString(r, "technician").orElse(""), Rows.optionalInstant(r, "due_at"),
                           ZoneId.of(Rows.string(r, "timezone")), Rows.uuid(r, "city_id"));
    }

    private Map<String, String> values(Context ctx, Change c, String locale) {
        Map<String, String> v = new HashMap<>();
        v.put("number", ctx.number());
        v.put("address", ctx.address());
        v.put("place", ctx.place());   // without the flat: for followers
        v.put("category", ctx.category().get(locale));
        String due = Optional.ofNullable(c.detail().get("dueAt")).filter(s -> !s.isBlank()).map(Instant::parse).or(ctx::due)
                .map(d -> DUE.format(d.atZone(ctx.zone()))).orElse("");
        v.put("due", due);
        String text = firstOf(c.detail(), "text", "reason");
        v.put("text", text.isEmpty() ? texts.render(locale, "no.reason", Map.of()) : Inbox.clip(text, 300));
        v.put("other", firstOf(c.detail(), "duplicateOf", "duplicate"));
        boolean aboutPerson = c.kind().equals("ASSIGNED") || c.kind().equals("REASSIGNED");
        v.put("who", aboutPerson ? ctx.technician() : ctx.organisation().get(locale));
        return v;
    }

    private static String firstOf(Map<String, String> detail, String... keys) {
        for (String k : keys) {
            String value = detail.get(k);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    private static Map<UUID, String> locales(DbTransaction t, List<UUID> users) {
        Map<UUID, String> locales = new LinkedHashMap<>();
        try (var rows = t.createQuery("SELECT id, locale FROM app_user WHERE active AND id = ANY (CAST(string_to_array(:ids, ',') AS uuid[]))")
                .addParam("ids", String.join(",", users.stream().map(UUID::toString).toList())).execute()) {
            rows.forEach(r -> locales.put(Rows.uuid(r, "id"), Rows.string(r, "locale")));
        }
        return locales;
    }

    private static List<UUID> organisationDispatchers(DbTransaction t, Optional<UUID> organisation) {
        if (organisation.isEmpty()) {
            return List.of();
        }
        try (var rows = t.createQuery("""
                SELECT u.id FROM app_user u JOIN user_role ur ON ur.user_id = u.id AND ur.role = 'ORG_DISPATCHER'
                WHERE u.organisation_id = :org AND u.active ORDER BY u.id""").addParam("org", organisation.get()).execute()) {
            return rows.map(r -> Rows.uuid(r, "id")).toList();
        }
    }

    private static List<UUID> cityDispatchers(DbTransaction t, UUID request) {
        try (var rows = t.createQuery("""
                SELECT u.id FROM app_user u JOIN user_role ur ON ur.user_id = u.id AND ur.role = 'CITY_DISPATCHER'
                WHERE u.city_id = (SELECT city_id FROM request WHERE id = :request) AND u.active ORDER BY u.id""")
                .addParam("request", request).execute()) {
            return rows.map(r -> Rows.uuid(r, "id")).toList();
        }
    }
}
