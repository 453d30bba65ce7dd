package org.opencity.backend.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.opencity.model.Role;

import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link Settings} from, in order of precedence: the documented environment variables
 * ({@code PORT}, {@code DB_URL}, ...), Java system properties using the YAML keys
 * ({@code -Dserver.port=9090}), an optional YAML file named by {@code CONFIG_FILE}, and the
 * bundled {@code application.yaml} that holds every default.
 */
public final class SettingsLoader {

    /** Environment variable → configuration key. The README's configuration table lists the same. */
    static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("PORT", "server.port"),
            Map.entry("HOST", "server.host"),
            Map.entry("DB_URL", "db.url"),
            Map.entry("DB_USER", "db.user"),
            Map.entry("DB_PASSWORD", "db.password"),
            Map.entry("DB_POOL_SIZE", "db.pool-size"),
            Map.entry("DB_STATEMENT_TIMEOUT", "db.statement-timeout"),
            Map.entry("DATA_DIR", "data-dir"),
            Map.entry("PHOTO_DIR", "photo-dir"),
            Map.entry("PHOTO_S3_BUCKET", "photo-s3.bucket"),
            Map.entry("PHOTO_S3_ENDPOINT", "photo-s3.endpoint"),
            Map.entry("PHOTO_S3_REGION", "photo-s3.region"),
            Map.entry("PHOTO_S3_ACCESS_KEY", "photo-s3.access-key"),
            Map.entry("PHOTO_S3_SECRET_KEY", "photo-s3.secret-key"),
            Map.entry("PHOTO_S3_PATH_STYLE", "photo-s3.path-style"),
            Map.entry("PHOTO_S3_PREFIX", "photo-s3.prefix"),
            Map.entry("DEMO", "demo"),
            Map.entry("DEADLINES_SWEEP_INTERVAL", "deadlines.sweep-interval"),
            Map.entry("SMS_URL", "sms.url"),
            Map.entry("SMS_API_KEY", "sms.api-key"),
            Map.entry("SMS_SENDER", "sms.sender"),
            Map.entry("CORS_ORIGINS", "limits.cors-origins"),
            Map.entry("RATE_LIMIT_PER_IP", "limits.per-ip-per-second"),
            Map.entry("RATE_LIMIT_PER_USER", "limits.per-user-per-second"),
            Map.entry("TRUST_FORWARDED_FOR", "limits.trust-forwarded-for"),
            Map.entry("PUBLIC_URL", "public-url"),
            Map.entry("APP_STORE_URL", "contacts.app-store-url"),
            Map.entry("PLAY_STORE_URL", "contacts.play-store-url"),
            Map.entry("CALL_CENTRE_PHONE", "contacts.phone"),
            Map.entry("RATE_LIMIT_STATUS_LOOKUPS", "guards.status-lookups-per-minute"),
            Map.entry("RATE_LIMIT_STATUS_LOOKUPS_BURST", "guards.status-lookups-burst"),
            Map.entry("RATE_LIMIT_REFUSED_CREDENTIALS", "guards.refused-credentials-per-minute"),
            Map.entry("RATE_LIMIT_REFUSED_CREDENTIALS_BURST", "guards.refused-credentials-burst"),
            Map.entry("STREAMS_PER_USER", "guards.streams-per-user"),
            Map.entry("STREAM_HEARTBEAT", "guards.stream-heartbeat"),
            Map.entry("METRICS_TOKEN", "guards.metrics-token"),
            Map.entry("FIREBASE_CREDENTIALS", "push.firebase-credentials"),
            Map.entry("GOOGLE_APPLICATION_CREDENTIALS", "push.google-application-credentials"),
            Map.entry("FIREBASE_PROJECT_ID", "push.firebase-project-id"),
            Map.entry("APNS_KEY_FILE", "push.apns.key-file"),
            Map.entry("APNS_KEY_ID", "push.apns.key-id"),
            Map.entry("APNS_TEAM_ID", "push.apns.team-id"),
            Map.entry("APNS_TOPIC", "push.apns.topic"),
            Map.entry("APNS_SANDBOX", "push.apns.sandbox"));

    private SettingsLoader() {
    }

    public static Settings load(Map<String, String> env) {
        Map<String, String> fromEnv = new LinkedHashMap<>();
        ENVIRONMENT.forEach((variable, key) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                fromEnv.put(key, value.trim());
            }
        });
        Config.Builder builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(fromEnv))
                .addSource(ConfigSources.systemProperties());
        String file = env.get("CONFIG_FILE");
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file);
            if (!Files.isReadable(path)) {
                throw new ConfigException("CONFIG_FILE " + path + " cannot be read");
            }
            builder.addSource(ConfigSources.file(path));
        }
        Config config = builder.addSource(ConfigSources.classpath("application.yaml")).build();
        return from(config);
    }

    static Settings from(Config config) {
        Optional<String> dbUrl = config.get("db.url").asString().filter(s -> !s.isBlank());
        dbUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new ConfigException("DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), not '"
                                                  + url + "'");
            }
        });
        Settings.DemoMode demo = demo(config.get("demo").asString().orElse(""), dbUrl.isEmpty(),
                                      Settings.loopback(config.get("server.host").asString().orElse("0.0.0.0")));
        return new Settings(
                integer(config, "server.port", "PORT"),
                dbUrl,
                config.get("db.user").asString().orElse("postgres"),
                config.get("db.password").asString().orElse(""),
                integer(config, "db.pool-size", "DB_POOL_SIZE"),
                duration(config, "db.statement-timeout", "DB_STATEMENT_TIMEOUT"),
                duration(config, "db.connect-timeout", "db.connect-timeout"),
                Path.of(config.get("data-dir").asString().orElse("./data")),
                config.get("photo-dir").asString().filter(d -> !d.isBlank()).map(Path::of),
                objectStore(config.get("photo-s3")),
                demo,
                config.get("server"),
                auth(config.get("auth")),
                new SmsSettings(config.get("sms.url").asString().filter(u -> !u.isBlank()),
                                config.get("sms.api-key").asString().orElse(""),
                                config.get("sms.sender").asString().orElse("OpenCity")),
                limits(config.get("limits")),
                duration(config, "deadlines.sweep-interval", "deadlines.sweep-interval"),
                push(config.get("push")),
                guards(config.get("guards")),
                publicUrl(config.get("public-url").asString().orElse("")),
                ContactSettings.of(config.get("contacts.app-store-url").asString().orElse(""),
                                   config.get("contacts.play-store-url").asString().orElse(""),
                                   config.get("contacts.phone").asString().orElse("")));
    }

    /** {@code https://city.example} or {@code http://host:port}, with an optional path and no trailing slash. */
    static Optional<URI> publicUrl(String value) {
        String url = value.strip();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?(/[A-Za-z0-9._~/-]*)?")) {
            throw new ConfigException("PUBLIC_URL must be an address such as https://city.example, not '" + url + "'");
        }
        return Optional.of(URI.create(url.replaceAll("/+$", "")));
    }

    private static GuardSettings guards(Config guards) {
        return new GuardSettings(integer(guards, "status-lookups-per-minute", "RATE_LIMIT_STATUS_LOOKUPS"),
                                 integer(guards, "status-lookups-burst", "RATE_LIMIT_STATUS_LOOKUPS_BURST"),
                                 integer(guards, "refused-credentials-per-minute", "RATE_LIMIT_REFUSED_CREDENTIALS"),
                                 integer(guards, "refused-credentials-burst", "RATE_LIMIT_REFUSED_CREDENTIALS_BURST"),
                                 integer(guards, "streams-per-user", "STREAMS_PER_USER"),
                                 duration(guards, "stream-heartbeat", "STREAM_HEARTBEAT"),
                                 guards.get("metrics-token").asString().map(String::strip).filter(t -> !t.isEmpty()));
    }

    private static Optional<ObjectStoreSettings> objectStore(Config s3) {
        Optional<String> bucket = s3.get("bucket").asString().filter(b -> !b.isBlank());
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        Optional<java.net.URI> endpoint = s3.get("endpoint").asString().filter(e -> !e.isBlank()).map(e -> {
            try {
                return java.net.URI.create(e.strip());
            } catch (IllegalArgumentException bad) {
                throw new ConfigException("PHOTO_S3_ENDPOINT is not an address: " + e);
            }
        });
        return Optional.of(new ObjectStoreSettings(bucket.get().strip(), endpoint, s3.get("region").asString().filter(r -> !r.isBlank())
                .orElse("us-east-1"), s3.get("access-key").asString().filter(k -> !k.isBlank()),
                                                   s3.get("secret-key").asString().orElse(""),
                                                   bool(s3.get("path-style").asString().orElse(endpoint.isPresent() ? "true" : "false"),
                                                        "PHOTO_S3_PATH_STYLE"),
                                                   s3.get("prefix").asString().orElse("")));
    }

    private static PushSettings push(Config push) {
        Optional<Path> firebase = push.get("firebase-credentials").asString().filter(s -> !s.isBlank())
                .or(() -> push.get("google-application-credentials").asString().filter(s -> !s.isBlank()))
                .map(Path::of);
        firebase.ifPresent(file -> {
            if (!Files.isReadable(file)) {
                throw new ConfigException("the Firebase credentials file " + file + " (FIREBASE_CREDENTIALS) cannot be read");
            }
        });
        Optional<PushSettings.Apns> apns = push.get("apns.key-file").asString().filter(s -> !s.isBlank()).map(Path::of).map(key -> {
            if (!Files.isReadable(key)) {
                throw new ConfigException("the APNs key file " + key + " (APNS_KEY_FILE) cannot be read");
            }
            return new PushSettings.Apns(key, push.get("apns.key-id").asString().orElse(null),
                                         push.get("apns.team-id").asString().orElse(null),
                                         push.get("apns.topic").asString().orElse(null),
                                         bool(push.get("apns.sandbox").asString().orElse("false"), "APNS_SANDBOX"));
        });
        return new PushSettings(firebase, push.get("firebase-project-id").asString().filter(s -> !s.isBlank()), apns);
    }

    private static AuthSettings auth(Config auth) {
        Set<Role> totpRoles = new LinkedHashSet<>();
        for (String role : auth.get("totp-required-roles").asString().orElse("").split(",")) {
            if (!role.isBlank()) {
                try {
                    totpRoles.add(Role.valueOf(role.trim()));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("auth.totp-required-roles names an unknown role '" + role.trim() + "'");
                }
            }
        }
        int concurrency = integer(auth, "hashing-concurrency", "auth.hashing-concurrency");
        return new AuthSettings(
                duration(auth, "access-token-ttl", "auth.access-token-ttl"),
                duration(auth, "refresh-idle", "auth.refresh-idle"),
                duration(auth, "session-max", "auth.session-max"),
                duration(auth, "refresh-reuse-grace", "auth.refresh-reuse-grace"),
                duration(auth, "otp-ttl", "auth.otp-ttl"),
                integer(auth, "otp-max-attempts", "auth.otp-max-attempts"),
                integer(auth, "otp-per-phone-15min", "auth.otp-per-phone-15min"),
                integer(auth, "otp-per-phone-day", "auth.otp-per-phone-day"),
                integer(auth, "otp-per-ip-hour", "auth.otp-per-ip-hour"),
                integer(auth, "login-max-failures", "auth.login-max-failures"),
                duration(auth, "login-lockout", "auth.login-lockout"),
                totpRoles,
                concurrency > 0 ? concurrency : Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    private static LimitSettings limits(Config limits) {
        List<String> origins = new ArrayList<>();
        for (String origin : limits.get("cors-origins").asString().orElse("").split(",")) {
            if (!origin.isBlank()) {
                if (!origin.trim().matches("https?://[A-Za-z0-9.-]+(:\\d+)?")) {
                    throw new ConfigException("CORS_ORIGINS must list origins such as https://city.example, not '"
                                                      + origin.trim() + "'");
                }
                origins.add(origin.trim());
            }
        }
        return new LimitSettings(integer(limits, "per-ip-per-second", "RATE_LIMIT_PER_IP"),
                                 integer(limits, "per-ip-burst", "limits.per-ip-burst"),
                                 integer(limits, "per-user-per-second", "RATE_LIMIT_PER_USER"),
                                 integer(limits, "per-user-burst", "limits.per-user-burst"),
                                 Boolean.parseBoolean(limits.get("trust-forwarded-for").asString().orElse("false")),
                                 origins);
    }

    /**
     * Demo mode publishes sign-in codes and opens known staff passwords, so {@code auto} turns it on
     * only with the embedded database on a loopback {@code HOST}; anywhere else it must be asked for.
     */
    static Settings.DemoMode demo(String value, boolean embedded, boolean loopback) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "" , "auto" -> embedded && loopback ? Settings.DemoMode.LOOPBACK : Settings.DemoMode.OFF;
            case "true", "yes", "1" -> Settings.DemoMode.ASKED;
            case "false", "no", "0" -> Settings.DemoMode.OFF;
            default -> throw new ConfigException("DEMO must be true or false, not '" + value + "'");
        };
    }

    private static boolean bool(String value, String variable) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0", "" -> false;
            default -> throw new ConfigException(variable + " must be true or false, not '" + value + "'");
        };
    }

    private static int integer(Config config, String key, String variable) {
        String raw = config.get(key).asString().orElseThrow(() -> new ConfigException(variable + " is not set"));
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(variable + " must be a whole number, not '" + raw + "'");
        }
    }

    /** Durations as ISO-8601 ({@code PT30S}) or a plain number of seconds. */
    private static Duration duration(Config config, String key, String variable) {
        String raw = config.get(key).asString().orElseThrow(() -> new ConfigException(variable + " is not set")).trim();
        try {
            return raw.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(raw)) : Duration.parse(raw);
        } catch (DateTimeParseException e) {
            throw new ConfigException(variable + " must be a duration such as 30 (seconds) or PT30S, not '" + raw + "'");
        }
    }
}
