package org.opencity.backend.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
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
            Map.entry("DEMO", "demo"));

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
        boolean demo = demo(config.get("demo").asString().orElse(""), dbUrl.isEmpty());
        return new Settings(
                integer(config, "server.port", "PORT"),
                dbUrl,
                config.get("db.user").asString().orElse("postgres"),
                config.get("db.password").asString().orElse(""),
                integer(config, "db.pool-size", "DB_POOL_SIZE"),
                duration(config, "db.statement-timeout", "DB_STATEMENT_TIMEOUT"),
                duration(config, "db.connect-timeout", "db.connect-timeout"),
                Path.of(config.get("data-dir").asString().orElse("./data")),
                demo,
                config.get("server"));
    }

    /** Demo is on by default with the embedded database and never implied for an external one. */
    static boolean demo(String value, boolean embedded) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "" , "auto" -> embedded;
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException("DEMO must be true or false, not '" + value + "'");
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
