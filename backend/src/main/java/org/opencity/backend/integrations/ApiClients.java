package org.opencity.backend.integrations;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.db.Rows;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.model.Ids;
import org.opencity.model.admin.ApiClientView;
import org.opencity.model.admin.NewApiClientKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Keys for other systems (city services, Open311 clients): issued by a city admin, shown once,
 * stored as SHA-256, revocable at once.
 */
public final class ApiClients {

    static final String PREFIX = "ock_";
    private final DbClient db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiClients(DbClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public NewApiClientKey issue(Caller admin, String name) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw ValidationFailed.of("name", "length", "1 to 100 characters");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = Ids.newId();
        db.execute().createInsert("""
                INSERT INTO api_client (id, city_id, name, key_hash, created_by, created_at)
                VALUES (:id, :city, :name, :hash, :by, :now)""")
                .addParam("id", id).addParam("city", admin.cityId()).addParam("name", name.strip())
                .addParam("hash", hash(key)).addParam("by", admin.userId()).addParam("now", Rows.param(clock.instant())).execute();
        return new NewApiClientKey(id, name.strip(), key);
    }

    public List<ApiClientView> list(Caller admin) {
        try (var rows = db.execute().createQuery("""
                SELECT id, name, active, created_at, revoked_at FROM api_client WHERE city_id = :city ORDER BY created_at""")
                .addParam("city", admin.cityId()).execute()) {
            return rows.map(ApiClients::view).toList();
        }
    }

    public ApiClientView revoke(Caller admin, UUID id) {
        long changed = db.execute().createUpdate("""
                UPDATE api_client SET active = false, revoked_at = coalesce(revoked_at, :now) WHERE id = :id AND city_id = :city""")
                .addParam("now", Rows.param(clock.instant())).addParam("id", id).addParam("city", admin.cityId()).execute();
        if (changed == 0) {
            throw new NotFound("no such API client");
        }
        return db.execute().createGet("SELECT id, name, active, created_at, revoked_at FROM api_client WHERE id = :id")
                .addParam("id", id).execute().map(ApiClients::view).orElseThrow();
    }

    /** The active client holding this key. */
    public Optional<ApiClient> authenticate(String key) {
        if (key == null || !key.startsWith(PREFIX) || key.length() != PREFIX.length() + 43) {
            return Optional.empty();
        }
        return db.execute().createGet("SELECT id, city_id, name FROM api_client WHERE key_hash = :hash AND active")
                .addParam("hash", hash(key)).execute()
                .map(r -> new ApiClient(Rows.uuid(r, "id"), Rows.uuid(r, "city_id"), Rows.string(r, "name")));
    }

    private static ApiClientView view(DbRow r) {
        return new ApiClientView(Rows.uuid(r, "id"), Rows.string(r, "name"), Rows.bool(r, "active"), Rows.instant(r, "created_at"),
                                 Rows.optionalInstant(r, "revoked_at").orElse(null));
    }

    private static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
