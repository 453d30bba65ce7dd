package org.opencity.backend.admin;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.accounts.PasswordHasher;
import org.opencity.backend.accounts.SecurityEvents;
import org.opencity.backend.accounts.Sessions;
import org.opencity.backend.accounts.SignInThrottle;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.errors.Conflict;
import org.opencity.backend.errors.Forbidden;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.Paging;
import org.opencity.model.FieldError;
import org.opencity.model.Ids;
import org.opencity.model.Page;
import org.opencity.model.Phones;
import org.opencity.model.Role;
import org.opencity.model.admin.NewStaffUser;
import org.opencity.model.admin.UserChanges;
import org.opencity.model.admin.UserView;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Accounts as administrators manage them. A city admin manages everyone; an organisation admin
 * manages the staff of their own organisation and may grant only organisation roles. Anything
 * outside the caller's reach is "not found", exactly like an id that does not exist; an account
 * within reach whose roles the caller could not grant is seen but never changed (see
 * {@link AdminReach}).
 */
public final class Users {

    private static final String NOT_FOUND = "no such user";

    private final DbClient db;
    private final Transactions tx;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final SignInThrottle throttle;
    private final SecurityEvents events;
    private final Clock clock;

    public Users(DbClient db, Transactions tx, PasswordHasher hasher, Sessions sessions, SignInThrottle throttle,
                 SecurityEvents events, Clock clock) {
        this.db = db;
        this.tx = tx;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.events = events;
        this.clock = clock;
    }

    /** Users the caller may manage, in id order, filtered; keyset-paged. */
    public Page<UserView> list(Caller caller, Optional<UUID> organisation, Optional<Role> role, Optional<String> text,
                               Paging paging) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("WHERE true");
        scope(caller, where, params);
        organisation.ifPresent(o -> {
            where.append(" AND u.organisation_id = :org");
            params.put("org", o);
        });
        role.ifPresent(r -> {
            where.append(" AND EXISTS (SELECT 1 FROM user_role x WHERE x.user_id = u.id AND x.role = :role)");
            params.put("role", r.name());
        });
        text.ifPresent(q -> {
            where.append(" AND (lower(u.display_name) LIKE :q OR lower(u.login) LIKE :q)");
            params.put("q", "%" + q.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        });
        paging.after().ifPresent(after -> {
            where.append(" AND u.id > :after");
            params.put("after", parseCursor(after));
        });
        params.put("limit", paging.limit() + 1);
        List<UserView> users;
        try (var rows = db.execute().createQuery(SELECT + where + " ORDER BY u.id LIMIT :limit").params(params).execute()) {
            users = rows.map(Users::view).collect(Collectors.toCollection(ArrayList::new));
        }
        String next = null;
        if (users.size() > paging.limit()) {
            users.removeLast();
            next = Paging.encode(users.getLast().id().toString());
        }
        return new Page<>(users, next);
    }

    public UserView get(Caller caller, UUID id) {
        return find(caller, id).orElseThrow(() -> new NotFound(NOT_FOUND));
    }

    /**
     * An account the caller may change: within reach (else 404) and holding only roles the caller
     * could grant (else 403). Every route that changes an account, its devices or its sessions
     * goes through here first.
     */
    public UserView changeable(Caller caller, UUID id) {
        UserView current = get(caller, id);
        if (!AdminReach.mayChange(caller, current.kind(), current.roles())) {
            throw new Forbidden("only a city admin may change an account holding " + sorted(current.roles()));
        }
        return current;
    }

    public UserView create(Caller caller, NewStaffUser input, String ip) {
        List<FieldError> errors = new ArrayList<>();
        String login = input.login() == null ? "" : input.login().strip().toLowerCase();
        if (!login.matches("[a-z0-9][a-z0-9._-]{2,39}")) {
            errors.add(new FieldError("login", "format", "3-40 characters: letters, digits, dot, dash, underscore"));
        }
        validatePassword(input.password(), errors);
        validateName(input.displayName(), errors);
        validateLocale(input.locale(), errors);
        validateSkills(input.skills(), errors);
        UUID organisation = input.organisationId() != null ? input.organisationId()
                : caller.actingOrganisation().orElse(null);
        validateRoles(caller, input.roles(), organisation, errors);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        requireManageableOrganisation(caller, organisation);
        String hash = hasher.hash(input.password());
        UUID id = Ids.newId();
        Instant now = clock.instant();
        tx.run(t -> {
            boolean taken = t.createGet("SELECT 1 FROM app_user WHERE lower(login) = :login").addParam("login", login)
                    .execute().isPresent();
            if (taken) {
                throw new Conflict("the login '" + login + "' is taken");
            }
            UUID city = t.createGet("SELECT city_id FROM organisation WHERE id = :org").addParam("org", organisation)
                    .execute().map(r -> Rows.uuid(r, "city_id"))
                    .orElseThrow(() -> ValidationFailed.of("organisationId", "unknown", "no such organisation"));
            t.createInsert("""
                    INSERT INTO app_user (id, city_id, kind, login, password_hash, display_name, locale, organisation_id,
                                          created_at, updated_at)
                    VALUES (:id, :city, 'STAFF', :login, :hash, :name, :locale, :org, :now, :now)""")
                    .addParam("id", id).addParam("city", city).addParam("login", login).addParam("hash", hash)
                    .addParam("name", input.displayName().strip())
                    .addParam("locale", input.locale() == null ? "ru" : input.locale())
                    .addParam("org", organisation).addParam("now", Rows.param(now)).execute();
            replaceRoles(t, id, input.roles());
            replaceSkills(t, id, input.skills());
        });
        events.record(SecurityEvents.Kind.USER_CHANGED, caller.userId(), caller.deviceId(), ip,
                      Map.of("action", "created", "user", id.toString(), "roles", sorted(input.roles())));
        return get(caller, id);
    }

    public UserView update(Caller caller, UUID id, UserChanges changes, String ip) {
        UserView current = changeable(caller, id);
        List<FieldError> errors = new ArrayList<>();
        if (changes.displayName() != null) {
            validateName(changes.displayName(), errors);
        }
        if (changes.locale() != null) {
            validateLocale(changes.locale(), errors);
        }
        if (changes.skills() != null) {
            validateSkills(changes.skills(), errors);
        }
        if (changes.password() != null) {
            validatePassword(changes.password(), errors);
        }
        if (changes.roles() != null) {
            if (current.kind().equals("RESIDENT")) {
                errors.add(new FieldError("roles", "resident", "a resident's roles cannot be changed"));
            } else {
                validateRoles(caller, changes.roles(), current.organisationId(), errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        String hash = changes.password() == null ? null : hasher.hash(changes.password());
        boolean disabling = Boolean.FALSE.equals(changes.active()) && current.active();
        tx.run(t -> {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("id", id);
            params.put("name", changes.displayName() == null ? null : changes.displayName().strip());
            params.put("locale", changes.locale());
            params.put("active", changes.active());
            params.put("hash", hash);
            params.put("now", Rows.param(clock.instant()));
            t.createUpdate("""
                    UPDATE app_user SET display_name = coalesce(:name, display_name), locale = coalesce(:locale, locale),
                        active = coalesce(CAST(:active AS boolean), active),
                        password_hash = coalesce(CAST(:hash AS text), password_hash),
                        updated_at = :now
                    WHERE id = :id""").params(params).execute();
            if (changes.roles() != null) {
                replaceRoles(t, id, changes.roles());
            }
            if (changes.skills() != null) {
                replaceSkills(t, id, changes.skills());
            }
            if (disabling || hash != null) {
                sessions.revokeUser(t, id, disabling ? "user disabled" : "password changed");
            }
        });
        if (hash != null && current.login() != null) {
            throttle.clear(current.login());   // a new password: earlier failures no longer delay its owner
        }
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("user", id.toString());
        if (changes.roles() != null) {
            detail.put("roles", sorted(changes.roles()));
        }
        if (hash != null) {
            detail.put("password", "reset");
        }
        events.record(disabling ? SecurityEvents.Kind.USER_DISABLED : SecurityEvents.Kind.USER_CHANGED,
                      caller.userId(), caller.deviceId(), ip, detail);
        return get(caller, id);
    }

    /** Lifts the sign-in delay of an account's login (failures counted against its address stay). */
    public UserView clearSignInDelay(Caller caller, UUID id, String ip) {
        UserView current = changeable(caller, id);
        if (current.login() == null) {
            throw new NotFound("this account signs in by phone and has no sign-in delay");
        }
        throttle.clear(current.login());
        events.record(SecurityEvents.Kind.USER_CHANGED, caller.userId(), caller.deviceId(), ip,
                      Map.of("user", id.toString(), "sign-in delay", "cleared"));
        return get(caller, id);
    }

    private Optional<UserView> find(Caller caller, UUID id) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("WHERE u.id = :id");
        params.put("id", id);
        scope(caller, where, params);
        return db.execute().createGet(SELECT + where).params(params).execute().map(Users::view);
    }

    /** The data-layer scope: a city admin sees the city; organisation admins see only their organisation's staff. */
    private static void scope(Caller caller, StringBuilder where, Map<String, Object> params) {
        if (AdminReach.cityAdmin(caller)) {
            where.append(" AND u.city_id = :scopeCity");
            params.put("scopeCity", caller.cityId());
        } else {
            where.append(" AND u.kind = 'STAFF' AND u.organisation_id = :scopeOrg");
            params.put("scopeOrg", AdminReach.organisation(caller));
        }
    }

    private void requireManageableOrganisation(Caller caller, UUID organisation) {
        if (organisation != null && !AdminReach.administers(caller, organisation)) {
            throw ValidationFailed.of("organisationId", "scope", "you may only add staff to your own organisation");
        }
    }

    private static void validateRoles(Caller caller, Set<Role> roles, UUID organisation, List<FieldError> errors) {
        if (roles == null || roles.isEmpty()) {
            errors.add(new FieldError("roles", "required", "at least one role"));
            return;
        }
        if (roles.contains(Role.RESIDENT)) {
            errors.add(new FieldError("roles", "resident", "residents sign in by phone; staff cannot be residents"));
        }
        if (!AdminReach.grantable(caller).containsAll(roles)) {
            errors.add(new FieldError("roles", "not-grantable", "an organisation admin may grant only organisation roles"));
        }
        if (organisation == null) {
            errors.add(new FieldError("organisationId", "required", "staff belong to an organisation"));
        }
    }

    private static void validatePassword(String password, List<FieldError> errors) {
        if (password == null || password.length() < 10 || password.length() > 200) {
            errors.add(new FieldError("password", "length", "10 to 200 characters"));
        }
    }

    private static void validateName(String name, List<FieldError> errors) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            errors.add(new FieldError("displayName", "length", "1 to 100 characters"));
        }
    }

    private static void validateLocale(String locale, List<FieldError> errors) {
        if (locale != null && !Set.of("ru", "tt", "en").contains(locale)) {
            errors.add(new FieldError("locale", "unsupported", "ru, tt or en"));
        }
    }

    private static void validateSkills(Set<String> skills, List<FieldError> errors) {
        if (skills != null && (skills.size() > 20 || skills.stream().anyMatch(s -> s == null || !s.matches("[a-z][a-z-]{1,29}")))) {
            errors.add(new FieldError("skills", "format", "at most 20 skills such as plumber, lift-mechanic"));
        }
    }

    private static void replaceRoles(DbTransaction t, UUID id, Set<Role> roles) {
        t.createDelete("DELETE FROM user_role WHERE user_id = :id").addParam("id", id).execute();
        for (Role role : roles) {
            t.createInsert("INSERT INTO user_role (user_id, role) VALUES (:id, :role)")
                    .addParam("id", id).addParam("role", role.name()).execute();
        }
    }

    private static void replaceSkills(DbTransaction t, UUID id, Set<String> skills) {
        t.createDelete("DELETE FROM technician_skill WHERE user_id = :id").addParam("id", id).execute();
        for (String skill : new HashSet<>(skills)) {
            t.createInsert("INSERT INTO technician_skill (user_id, skill) VALUES (:id, :skill)")
                    .addParam("id", id).addParam("skill", skill).execute();
        }
    }

    private static UUID parseCursor(String after) {
        try {
            return UUID.fromString(after);
        } catch (IllegalArgumentException e) {
            throw ValidationFailed.of("after", "format", "not a cursor from a previous page");
        }
    }

    private static String sorted(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static final String SELECT = """
            SELECT u.id, u.kind, u.login, u.phone, u.display_name, u.organisation_id, u.locale, u.active,
                   u.totp_enabled_at IS NOT NULL AS totp_enabled, u.created_at,
                   -- the login's sign-in delay, keyed as SignInThrottle keys it
                   (SELECT t.blocked_until FROM sign_in_throttle t
                    WHERE u.login IS NOT NULL AND t.key = sha256(convert_to('login:' || lower(u.login), 'UTF8'))) AS locked_until,
                   (SELECT string_agg(r.role, ',') FROM user_role r WHERE r.user_id = u.id) AS roles,
                   (SELECT string_agg(s.skill, ',') FROM technician_skill s WHERE s.user_id = u.id) AS skills
            FROM app_user u
            """;

    private static UserView view(DbRow r) {
        Set<Role> roles = Rows.optionalString(r, "roles")
                .map(s -> Arrays.stream(s.split(",")).map(Role::valueOf).collect(Collectors.toSet())).orElse(Set.of());
        Set<String> skills = Rows.optionalString(r, "skills").map(s -> Set.of(s.split(","))).orElse(Set.of());
        return new UserView(Rows.uuid(r, "id"), Rows.string(r, "kind"), Rows.optionalString(r, "login").orElse(null),
                            Rows.optionalString(r, "phone").map(Phones::mask).orElse(null),
                            Rows.string(r, "display_name"), roles, skills,
                            Rows.optionalUuid(r, "organisation_id").orElse(null), Rows.string(r, "locale"),
                            Rows.bool(r, "active"), Rows.bool(r, "totp_enabled"),
                            Rows.optionalInstant(r, "locked_until").orElse(null), Rows.instant(r, "created_at"));
    }
}
