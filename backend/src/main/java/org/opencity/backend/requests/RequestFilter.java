package org.opencity.backend.requests;

import io.helidon.webserver.http.ServerRequest;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.Dates;
import org.opencity.model.request.Channel;
import org.opencity.model.request.Status;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a request search asks for: filters, sort and page. Parsed from query parameters with field
 * errors for anything malformed; every value ends up as a bound parameter, never in SQL text.
 */
public record RequestFilter(Set<Status> statuses, Optional<String> district, Optional<UUID> building,
                            Optional<UUID> organisation, Optional<String> category, Optional<Channel> channel,
                            boolean overdue, boolean dueSoon, Optional<LocalDate> from, Optional<LocalDate> to,
                            Optional<String> text, Sort sort) {

    /** Sort orders: newest first, or most urgent deadline first. Ties break on id, so paging is stable. */
    public enum Sort {
        CREATED, DUE
    }

    public static RequestFilter of(ServerRequest req) {
        var q = req.query();
        Set<Status> statuses = EnumSet.noneOf(Status.class);
        for (String raw : q.all("status", List::of)) {
            for (String s : raw.split(",")) {
                if (!s.isBlank()) {
                    statuses.add(parse(Status.class, s.strip(), "status"));
                }
            }
        }
        Optional<String> text = q.first("q").asOptional().map(String::strip).filter(s -> !s.isEmpty());
        if (text.isPresent() && text.get().length() > 200) {
            throw ValidationFailed.of("q", "length", "at most 200 characters");
        }
        return new RequestFilter(statuses,
                                 q.first("district").asOptional().filter(s -> !s.isBlank()),
                                 q.first("building").asOptional().filter(s -> !s.isBlank()).map(s -> uuid(s, "building")),
                                 q.first("organisation").asOptional().filter(s -> !s.isBlank()).map(s -> uuid(s, "organisation")),
                                 q.first("category").asOptional().filter(s -> !s.isBlank()),
                                 q.first("channel").asOptional().filter(s -> !s.isBlank()).map(s -> parse(Channel.class, s, "channel")),
                                 bool(q.first("overdue").orElse("false"), "overdue"),
                                 bool(q.first("dueSoon").orElse("false"), "dueSoon"),
                                 q.first("from").asOptional().filter(s -> !s.isBlank()).map(s -> date(s, "from")),
                                 q.first("to").asOptional().filter(s -> !s.isBlank()).map(s -> date(s, "to")),
                                 text,
                                 q.first("sort").asOptional().filter(s -> !s.isBlank()).map(s -> parse(Sort.class, s, "sort"))
                                         .orElse(Sort.CREATED));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ValidationFailed.of(field, "unknown", "one of " + EnumSet.allOf(type));
        }
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ValidationFailed.of(field, "format", "an id");
        }
    }

    private static LocalDate date(String value, String field) {
        return Dates.date(value, field);
    }

    private static boolean bool(String value, String field) {
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0", "" -> false;
            default -> throw ValidationFailed.of(field, "format", "true or false");
        };
    }
}
