package org.opencity.backend.requests;

import io.helidon.dbclient.DbClient;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.db.Rows;
import org.opencity.model.Role;
import org.opencity.model.request.Status;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Requests per status for a board, from the tally the database keeps as requests change
 * ({@code request_tally} plus the changes not yet folded in, migration V30) instead of counting the
 * requests: a city's board counts millions. It answers only when the tally can — the scope is the
 * city or one organisation and the filters are among district, organisation and category;
 * otherwise the caller counts the (narrower) filtered requests itself.
 */
public final class StatusTally {

    private final DbClient db;

    public StatusTally(DbClient db) {
        this.db = db;
    }

    /** The counts per status for this caller and filter, if the tally can tell them. */
    public Optional<Map<Status, Long>> counts(Caller caller, RequestFilter f) {
        if (f.building().isPresent() || f.channel().isPresent() || f.overdue() || f.dueSoon() || f.from().isPresent()
                || f.to().isPresent() || f.text().isPresent()) {
            return Optional.empty();
        }
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(" WHERE t.city_id = :city");
        params.put("city", caller.cityId());
        if (!caller.cityWide()) {
            boolean organisationOnly = (caller.has(Role.ORG_DISPATCHER) || caller.has(Role.ORG_ADMIN)) && caller.organisationId().isPresent()
                    && !caller.has(Role.TECHNICIAN) && !caller.has(Role.RESIDENT);
            if (!organisationOnly) {
                return Optional.empty();
            }
            where.append(" AND t.organisation_id = :scopeOrg");
            params.put("scopeOrg", caller.organisationId().get());
        }
        f.organisation().ifPresent(o -> {
            where.append(" AND t.organisation_id = :organisation");
            params.put("organisation", o);
        });
        f.district().ifPresent(d -> {
            where.append(" AND t.district_id = (SELECT id FROM district WHERE city_id = :city AND code = :district)");
            params.put("district", d);
        });
        f.category().ifPresent(c -> {
            where.append(" AND t.category_id = (SELECT id FROM service_category WHERE city_id = :city AND code = :category)");
            params.put("category", c);
        });
        String sql = "SELECT status, sum(n) AS n FROM (SELECT t.status, t.n FROM request_tally t" + where
                + " UNION ALL SELECT t.status, t.n FROM request_tally_change t" + where + ") x GROUP BY status HAVING sum(n) <> 0";
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        try (var rows = db.execute().createQuery(sql).params(params).execute()) {
            rows.forEach(r -> counts.put(Status.valueOf(Rows.string(r, "status")), Rows.longValue(r, "n")));
        }
        return Optional.of(counts);
    }

    /**
     * Folds the changes appended so far into the totals, in one transaction (readers see either
     * side, never both); safe on several instances at once: a change row is deleted, and so
     * counted, by one of them only. Answers how many changes it folded.
     */
    public long fold() {
        return db.execute().createGet("""
                WITH moved AS (DELETE FROM request_tally_change
                               RETURNING city_id, organisation_id, district_id, category_id, status, n),
                     folded AS (INSERT INTO request_tally (city_id, organisation_id, district_id, category_id, status, n)
                                SELECT city_id, organisation_id, district_id, category_id, status, sum(n) FROM moved
                                GROUP BY 1, 2, 3, 4, 5
                                ON CONFLICT (city_id, organisation_id, district_id, category_id, status)
                                DO UPDATE SET n = request_tally.n + EXCLUDED.n)
                SELECT count(*) AS n FROM moved""").execute().map(r -> Rows.longValue(r, "n")).orElse(0L);
    }
}
