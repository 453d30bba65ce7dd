package org.opencity.backend.accounts;

import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.config.AuthSettings;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.errors.TooManyRequests;
import org.opencity.backend.errors.Unauthorized;
import org.opencity.backend.errors.Unavailable;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.model.Ids;
import org.opencity.model.Phones;
import org.opencity.model.auth.DeviceInfo;
import org.opencity.model.auth.OtpChallenge;
import org.opencity.model.auth.Session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Resident sign-in by phone: a 6-digit code from a CSPRNG, sent by SMS, valid for five minutes,
 * single use, bound to the challenge it was issued for and burned after five wrong guesses.
 * Sending is limited per phone (3 per 15 minutes, 10 per day) and per IP address, and the answer
 * is the same whether or not the number already has an account. The account is created on the
 * first successful sign-in.
 */
public final class OtpSignIn {

    static final int CODE_LENGTH = 6;
    private static final String INVALID = "the code is wrong or has expired; ask for a new one";

    private final Transactions tx;
    private final Sessions sessions;
    private final SmsGateway sms;
    private final AuthSettings settings;
    private final Clock clock;
    private final SecurityEvents events;
    private final SecureRandom random = new SecureRandom();

    public OtpSignIn(Transactions tx, Sessions sessions, SmsGateway sms, AuthSettings settings, Clock clock,
                     SecurityEvents events) {
        this.tx = tx;
        this.sessions = sessions;
        this.sms = sms;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    public OtpChallenge start(String rawPhone, String locale, String ip) {
        String phone = Phones.normalise(rawPhone)
                .orElseThrow(() -> ValidationFailed.of("phone", "format", "a phone number such as +7 900 123-45-67"));
        String code = String.format("%0" + CODE_LENGTH + "d", random.nextInt(1_000_000));
        UUID id = Ids.newId();
        Instant now = clock.instant();
        Instant expires = now.plus(settings.otpTtl());
        Optional<Duration> limited = tx.inTransaction(t -> {
            // one sender at a time per phone, so concurrent requests cannot slip past the count
            t.createQuery("SELECT pg_advisory_xact_lock(hashtext(:phone))").addParam("phone", phone).execute().close();
            Optional<Duration> wait = limit(t, phone, ip, now);
            if (wait.isEmpty()) {
                t.createInsert("""
                        INSERT INTO otp_challenge (id, phone, code_hash, ip, created_at, expires_at)
                        VALUES (:id, :phone, :hash, :ip, :now, :expires)""")
                        .addParam("id", id).addParam("phone", phone).addParam("hash", codeHash(id, code))
                        .addParam("ip", ip).addParam("now", Rows.param(now)).addParam("expires", Rows.param(expires))
                        .execute();
            }
            return wait;
        });
        if (limited.isPresent()) {
            events.record(SecurityEvents.Kind.OTP_LIMITED, null, ip, Map.of("phone", Phones.mask(phone)));
            throw new TooManyRequests("too many codes requested; try again later", limited.get());
        }
        SmsGateway.Result result = sms.send(phone, message(code, locale));
        if (result instanceof SmsGateway.Result.Failed) {
            throw new Unavailable("the code could not be sent right now; try again in a minute");
        }
        events.record(SecurityEvents.Kind.OTP_SENT, null, ip, Map.of("phone", Phones.mask(phone)));
        return new OtpChallenge(id, expires, CODE_LENGTH);
    }

    public Session verify(UUID challengeId, String code, DeviceInfo device, String ip) {
        if (code == null || !code.matches("\\d{" + CODE_LENGTH + "}")) {
            throw ValidationFailed.of("code", "format", "the code is " + CODE_LENGTH + " digits");
        }
        Outcome outcome = tx.inTransaction(t -> verifyIn(t, challengeId, code, device));
        return switch (outcome) {
            case Outcome.SignedIn s -> {
                events.record(SecurityEvents.Kind.SIGN_IN, s.session.me().id(), device.id(), ip,
                              Map.of("method", "sms", "phone", Phones.mask(s.phone)));
                yield s.session;
            }
            case Outcome.Wrong w -> {
                events.record(w.burned ? SecurityEvents.Kind.OTP_BURNED : SecurityEvents.Kind.OTP_FAILED, null, ip,
                              Map.of("phone", Phones.mask(w.phone)));
                throw new Unauthorized(INVALID);
            }
            case Outcome.Invalid i -> {
                events.record(SecurityEvents.Kind.OTP_FAILED, null, ip, Map.of("reason", i.reason));
                throw new Unauthorized(INVALID);
            }
        };
    }

    private Outcome verifyIn(DbTransaction t, UUID challengeId, String code, DeviceInfo device) {
        Instant now = clock.instant();
        Optional<DbRow> found = t.createGet("""
                SELECT phone, code_hash, expires_at, failed_attempts, consumed_at FROM otp_challenge
                WHERE id = :id FOR UPDATE""").addParam("id", challengeId).execute();
        if (found.isEmpty()) {
            return new Outcome.Invalid("unknown challenge");
        }
        DbRow row = found.get();
        String phone = Rows.string(row, "phone");
        int failed = Rows.intValue(row, "failed_attempts");
        if (Rows.optionalInstant(row, "consumed_at").isPresent() || failed >= settings.otpMaxAttempts()
                || !Rows.instant(row, "expires_at").isAfter(now)) {
            return new Outcome.Invalid("code used, burned or expired");
        }
        byte[] expected = (byte[]) row.column("code_hash").get();
        if (!MessageDigest.isEqual(expected, codeHash(challengeId, code))) {
            t.createUpdate("UPDATE otp_challenge SET failed_attempts = failed_attempts + 1 WHERE id = :id")
                    .addParam("id", challengeId).execute();
            return new Outcome.Wrong(phone, failed + 1 >= settings.otpMaxAttempts());
        }
        t.createUpdate("UPDATE otp_challenge SET consumed_at = :now WHERE id = :id")
                .addParam("now", Rows.param(now)).addParam("id", challengeId).execute();
        UUID userId = resident(t, phone, now);
        return new Outcome.SignedIn(sessions.open(t, userId, device), phone);
    }

    /** The resident with this phone, created now if this is their first sign-in. */
    private UUID resident(DbTransaction t, String phone, Instant now) {
        Optional<DbRow> existing = t.createGet("SELECT id, kind, active FROM app_user WHERE phone = :phone")
                .addParam("phone", phone).execute();
        if (existing.isPresent()) {
            DbRow user = existing.get();
            if (!"RESIDENT".equals(Rows.string(user, "kind")) || !Rows.bool(user, "active")) {
                throw new Unauthorized("this number cannot sign in here");
            }
            return Rows.uuid(user, "id");
        }
        UUID city = t.createGet("SELECT id FROM city ORDER BY created_at LIMIT 1").execute()
                .map(r -> Rows.uuid(r, "id"))
                .orElseThrow(() -> new Unavailable("no city is configured yet"));
        UUID id = Ids.newId();
        t.createInsert("""
                INSERT INTO app_user (id, city_id, kind, phone, display_name, created_at, updated_at)
                VALUES (:id, :city, 'RESIDENT', :phone, :name, :now, :now)""")
                .addParam("id", id).addParam("city", city).addParam("phone", phone)
                .addParam("name", Phones.mask(phone)).addParam("now", Rows.param(now)).execute();
        t.createInsert("INSERT INTO user_role (user_id, role) VALUES (:id, 'RESIDENT')").addParam("id", id).execute();
        return id;
    }

    /** How long until another code may be sent, when a limit is reached. */
    private Optional<Duration> limit(DbTransaction t, String phone, String ip, Instant now) {
        Instant quarter = now.minus(Duration.ofMinutes(15));
        Instant day = now.minus(Duration.ofDays(1));
        Instant hour = now.minus(Duration.ofHours(1));
        DbRow phoneCounts = t.createGet("""
                SELECT count(*) FILTER (WHERE created_at > :quarter) AS recent, count(*) AS daily,
                       min(created_at) FILTER (WHERE created_at > :quarter) AS oldest_recent, min(created_at) AS oldest_daily
                FROM otp_challenge WHERE phone = :phone AND created_at > :day""")
                .addParam("quarter", Rows.param(quarter)).addParam("day", Rows.param(day))
                .addParam("phone", phone).execute().orElseThrow();
        if (Rows.longValue(phoneCounts, "daily") >= settings.otpPerPhoneDay()) {
            return Optional.of(Duration.between(now, Rows.instant(phoneCounts, "oldest_daily").plus(Duration.ofDays(1))));
        }
        if (Rows.longValue(phoneCounts, "recent") >= settings.otpPerPhone15Min()) {
            return Optional.of(Duration.between(now, Rows.instant(phoneCounts, "oldest_recent").plus(Duration.ofMinutes(15))));
        }
        DbRow ipCounts = t.createGet("""
                SELECT count(*) AS recent, min(created_at) AS oldest FROM otp_challenge WHERE ip = :ip AND created_at > :hour""")
                .addParam("ip", ip).addParam("hour", Rows.param(hour)).execute().orElseThrow();
        if (Rows.longValue(ipCounts, "recent") >= settings.otpPerIpHour()) {
            return Optional.of(Duration.between(now, Rows.instant(ipCounts, "oldest").plus(Duration.ofHours(1))));
        }
        return Optional.empty();
    }

    /** The code hashed with its challenge id: a code is worthless for any other challenge. */
    static byte[] codeHash(UUID challengeId, String code) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + code.length());
        buffer.putLong(challengeId.getMostSignificantBits()).putLong(challengeId.getLeastSignificantBits());
        buffer.put(code.getBytes(StandardCharsets.US_ASCII));
        return Tokens.sha256(buffer.array());
    }

    private static String message(String code, String locale) {
        return switch (locale == null ? "ru" : locale) {
            case "en" -> "Open City sign-in code: " + code + ". Do not tell it to anyone.";
            case "tt" -> "Ачык шәһәргә керү коды: " + code + ". Аны беркемгә дә әйтмәгез.";
            default -> "Код для входа в «Открытый город»: " + code + ". Никому его не сообщайте.";
        };
    }

    private sealed interface Outcome {
        record SignedIn(Session session, String phone) implements Outcome {
        }

        record Wrong(String phone, boolean burned) implements Outcome {
        }

        record Invalid(String reason) implements Outcome {
        }
    }
}
