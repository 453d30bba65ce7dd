package org.opencity.backend.notify;

import io.helidon.dbclient.DbClient;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.db.Rows;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.model.Role;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/v1/admin/push-failures}: pushes that were given up, newest first, with why — for a
 * city admin everyone in the city, for an organisation admin their organisation's people. The
 * notifications themselves stay in the inbox.
 */
public final class PushFailures implements HttpService {

    public static final int MAX_PAGE = 200;

    /** One push that was given up. */
    public record Failure(long deliveryId, UUID notificationId, UUID userId, String userName, String kind, String provider,
                          int attempts, String reason, Instant createdAt, Instant gaveUpAt) {
    }

    private final DbClient db;

    public PushFailures(DbClient db) {
        this.db = db;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/push-failures", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.required(req);
        int limit;
        try {
            limit = Integer.parseInt(req.query().first("limit").orElse("50"));
        } catch (NumberFormatException e) {
            throw ValidationFailed.of("limit", "format", "a whole number");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw ValidationFailed.of("limit", "range", "1 to " + MAX_PAGE);
        }
        Map<String, Object> params = new HashMap<>();
        params.put("city", caller.cityId());
        params.put("limit", limit);
        String scope = "u.city_id = :city";
        if (!caller.has(Role.CITY_ADMIN)) {
            scope += " AND u.organisation_id = :org";
            params.put("org", caller.organisationId().orElse(new UUID(0, 0)));
        }
        List<Failure> failures;
        try (var rows = db.execute().createQuery("""
                SELECT d.id, d.notification_id, u.id AS user_id, u.display_name, n.kind, d.provider, d.attempts, d.last_error,
                       d.created_at, d.done_at
                FROM push_delivery d JOIN notification n ON n.id = d.notification_id JOIN app_user u ON u.id = n.user_id
                WHERE d.state = 'FAILED' AND\s""" + scope + " ORDER BY d.done_at DESC, d.id DESC LIMIT :limit").params(params).execute()) {
            failures = rows.map(r -> new Failure(Rows.longValue(r, "id"), Rows.uuid(r, "notification_id"), Rows.uuid(r, "user_id"),
                                                 Rows.string(r, "display_name"), Rows.string(r, "kind"), Rows.string(r, "provider"),
                                                 Rows.intValue(r, "attempts"), Rows.optionalString(r, "last_error").orElse(""),
                                                 Rows.instant(r, "created_at"), Rows.instant(r, "done_at"))).toList();
        }
        res.send(failures);
    }
}
