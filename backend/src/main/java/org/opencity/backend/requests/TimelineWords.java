package org.opencity.backend.requests;

import org.opencity.backend.notify.Texts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A history entry in a reader's words: what happened ({@code timeline.*}) and who did it
 * ({@code actor.*}), from the server's message bundles. The entry keeps its codes — kind, role,
 * detail — for machines; these words are for people. Entries written before the history carried
 * routing codes are read from the English reasons they carried then.
 */
final class TimelineWords {

    private static final DateTimeFormatter RU = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm", Locale.ROOT);
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    /** The routing reasons of older entries, by the basis code they stand for. */
    private static final Map<String, String> LEGACY_REASONS = Map.of(
            "responsible for the building", "BUILDING", "responsible for the district", "DISTRICT",
            "several organisations responsible for the building", "SEVERAL_BUILDING",
            "several organisations responsible for the district", "SEVERAL_DISTRICT",
            "no organisation is responsible for this category here", "NONE");

    private final Texts texts;

    TimelineWords(Texts texts) {
        this.texts = texts;
    }

    /** What happened, with the organisations' names in the reader's language when the entry names some. */
    String text(String locale, String kind, Map<String, String> detail, String organisation, ZoneId zone) {
        Map<String, String> values = new HashMap<>();
        values.put("organisation", organisation != null ? organisation : detail.getOrDefault("organisation", ""));
        values.put("technician", detail.getOrDefault("technician", ""));
        values.put("previous", detail.getOrDefault("previousTechnician", ""));
        values.put("duplicate", detail.getOrDefault("duplicateOf", detail.getOrDefault("duplicate", "")));
        values.put("stars", detail.getOrDefault("stars", ""));
        String stage = detail.getOrDefault("stage", "");
        values.put("stage", stage.isEmpty() || !texts.exists("stage." + stage) ? "" : texts.render(locale, "stage." + stage, Map.of()));
        values.put("due", due(locale, detail.get("dueAt"), zone));
        String why = basis(detail).map(b -> texts.render(locale, "routing." + b, values)).orElse("");
        values.put("why", why.endsWith(":") ? why.substring(0, why.length() - 1) : why);   // older entries name no one
        String key = "timeline." + kind;
        if (kind.equals("ESCALATED")) {
            key = "timeline.ESCALATED." + ("CITY".equals(detail.get("level")) ? "CITY" : "ORGANISATION");
        }
        return texts.render(locale, texts.exists(key) ? key : "timeline.other", values);
    }

    /** Who did it: their name, or their role in words (the system, a resident, a city dispatcher...). */
    String actor(String locale, String role, String name) {
        if (name != null && !name.isBlank()) {
            return name;
        }
        String key = "actor." + role;
        return texts.render(locale, texts.exists(key) ? key : "actor.other", Map.of());
    }

    /** The routing basis code of a routing entry: recorded, or read from an older entry's English reason. */
    private static Optional<String> basis(Map<String, String> detail) {
        if (detail.containsKey("routedBy")) {
            return Optional.of(detail.get("routedBy")).filter(b -> !b.equals("DISPATCHER"));
        }
        String reason = detail.getOrDefault("reason", "");
        int colon = reason.indexOf(':');
        return Optional.ofNullable(LEGACY_REASONS.get(colon < 0 ? reason : reason.substring(0, colon)));
    }

    private static String due(String locale, String iso, ZoneId zone) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        try {
            return Instant.parse(iso).atZone(zone).format(locale.equals("en") ? EN : RU);
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
