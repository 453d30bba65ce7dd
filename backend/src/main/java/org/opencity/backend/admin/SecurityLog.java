package org.opencity.backend.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import io.helidon.dbclient.DbClient;
import org.opencity.backend.db.Rows;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.Json;
import org.opencity.backend.web.Paging;
import org.opencity.model.Page;
import org.opencity.model.admin.SecurityEventView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The security log as city admins read it: newest first, keyset-paged. */
public final class SecurityLog {

    private final DbClient db;

    public SecurityLog(DbClient db) {
        this.db = db;
    }

    public Page<SecurityEventView> list(Paging paging) {
        String where = "";
        UUID after = null;
        if (paging.after().isPresent()) {
            try {
                after = UUID.fromString(paging.after().get());
            } catch (IllegalArgumentException e) {
                throw ValidationFailed.of("after", "format", "not a cursor from a previous page");
            }
            where = " WHERE (at, id) < (SELECT at, id FROM security_event WHERE id = :after)";
        }
        var statement = db.execute().createQuery("""
                SELECT id, at, kind, user_id, device_id, ip, CAST(detail AS text) AS detail FROM security_event""" + where
                + " ORDER BY at DESC, id DESC LIMIT :limit").addParam("limit", paging.limit() + 1);
        if (after != null) {
            statement.addParam("after", after);
        }
        List<SecurityEventView> events;
        try (var rows = statement.execute()) {
            events = rows.map(r -> new SecurityEventView(Rows.uuid(r, "id"), Rows.instant(r, "at"), Rows.string(r, "kind"),
                                                         Rows.optionalUuid(r, "user_id").orElse(null),
                                                         Rows.optionalUuid(r, "device_id").orElse(null),
                                                         Rows.optionalString(r, "ip").orElse(null),
                                                         detail(Rows.string(r, "detail"))))
                    .collect(Collectors.toCollection(ArrayList::new));
        }
        String next = null;
        if (events.size() > paging.limit()) {
            events.removeLast();
            next = Paging.encode(events.getLast().id().toString());
        }
        return new Page<>(events, next);
    }

    private static Map<String, String> detail(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
