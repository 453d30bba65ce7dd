package org.opencity.backend.requests;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.catalogue.Names;
import org.opencity.backend.db.Rows;
import org.opencity.backend.errors.Conflict;
import org.opencity.backend.errors.NotFound;
import org.opencity.model.request.FollowedRequest;
import org.opencity.model.request.Status;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Residents following a request somebody else reported ("follow this one instead" when the app
 * finds the same problem nearby). A follower sees the request's public facts among their own and
 * hears when it is fixed or cancelled; they cannot act on it. Any request of the resident's city
 * can be followed, at most {@value #MAX_FOLLOWED} at a time.
 */
public final class Followers {

    public static final int MAX_FOLLOWED = 200;

    private final DbClient db;
    private final Clock clock;

    public Followers(DbClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Starts following; following again changes nothing. */
    public void follow(Caller caller, UUID request) {
        DbRow row = db.execute().createGet("SELECT reporter_id FROM request WHERE id = :id AND city_id = :city")
                .addParam("id", request).addParam("city", caller.cityId()).execute()
                .orElseThrow(() -> new NotFound("no such request"));
        if (Rows.optionalUuid(row, "reporter_id").filter(caller.userId()::equals).isPresent()) {
            throw new Conflict("this is your own request: you hear about it anyway");
        }
        long already = db.execute().createGet("SELECT count(*) AS n FROM request_follower WHERE user_id = :user")
                .addParam("user", caller.userId()).execute().map(r -> Rows.longValue(r, "n")).orElse(0L);
        if (already >= MAX_FOLLOWED) {
            throw new Conflict("you follow " + MAX_FOLLOWED + " requests already; stop following some first");
        }
        db.execute().createInsert("""
                INSERT INTO request_follower (request_id, user_id, followed_at) VALUES (:request, :user, :at)
                ON CONFLICT DO NOTHING""")
                .addParam("request", request).addParam("user", caller.userId()).addParam("at", Rows.param(clock.instant()))
                .execute();
    }

    /** Stops following; a request not followed is fine. */
    public void unfollow(Caller caller, UUID request) {
        db.execute().createDelete("DELETE FROM request_follower WHERE request_id = :request AND user_id = :user")
                .addParam("request", request).addParam("user", caller.userId()).execute();
    }

    /** The requests the caller follows, the most recently followed first. */
    public List<FollowedRequest> of(Caller caller, String locale) {
        try (var rows = db.execute().createQuery("""
                SELECT r.id, r.number, r.status, c.code, %s AS category_name, %s AS address, f.followed_at
                FROM request_follower f JOIN request r ON r.id = f.request_id JOIN service_category c ON c.id = r.category_id
                LEFT JOIN building b ON b.id = r.building_id
                WHERE f.user_id = :user ORDER BY f.followed_at DESC, r.id LIMIT %d""".formatted(Names.category("c", locale), PublicAddress.sql(locale),
                                                                                       MAX_FOLLOWED))
                .addParam("user", caller.userId()).execute()) {
            return rows.map(r -> new FollowedRequest(Rows.uuid(r, "id"), Rows.string(r, "number"), Status.valueOf(Rows.string(r, "status")),
                                                     Rows.string(r, "code"), Rows.string(r, "category_name"), Rows.string(r, "address"),
                                                     Rows.instant(r, "followed_at"))).toList();
        }
    }

    /** Who follows a request (for notifications, inside the transaction that changes it). */
    public static List<UUID> followersOf(DbTransaction t, UUID request) {
        try (var rows = t.createQuery("SELECT user_id FROM request_follower WHERE request_id = :id").addParam("id", request).execute()) {
            return rows.map(r -> Rows.uuid(r, "user_id")).toList();
        }
    }
}
