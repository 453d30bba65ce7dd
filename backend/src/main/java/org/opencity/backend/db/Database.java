package org.opencity.backend.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbStatements;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.opencity.backend.StartupException;
import org.opencity.backend.config.Settings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The database as the rest of the backend sees it: a migrated schema, a HikariCP pool, and a
 * Helidon {@link DbClient} on that pool. Owns the embedded server when no {@code DB_URL} is set.
 *
 * <p>Every pooled connection runs with a statement timeout and an idle-in-transaction timeout,
 * so that a stuck query or a forgotten transaction cannot hold a connection for ever.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private final Optional<EmbeddedDatabase> embedded;
    private final HikariDataSource dataSource;
    private final DbClient client;
    private final String description;
    private final String label;
    private final String url;
    private final java.util.Properties credentials;

    private Database(Optional<EmbeddedDatabase> embedded, HikariDataSource dataSource, DbClient client, String description,
                     String label, String url, java.util.Properties credentials) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.client = client;
        this.description = description;
        this.label = label;
        this.url = url;
        this.credentials = credentials;
    }

    /** Connects (starting the embedded server if needed), migrates, and opens the pool. */
    public static Database open(Settings settings, MeterRegistry registry) {
        Optional<EmbeddedDatabase> embedded = settings.embeddedDatabase()
                ? Optional.of(EmbeddedDatabase.start(settings.dataDir()))
                : Optional.empty();
        try {
            String url = embedded.map(EmbeddedDatabase::jdbcUrl).orElseGet(() -> settings.dbUrl().orElseThrow());
            String user = embedded.map(EmbeddedDatabase::user).orElse(settings.dbUser());
            String password = embedded.isPresent() ? "" : settings.dbPassword();

            String version = probe(url, user, password, settings);
            migrate(url, user, password);
            HikariDataSource pool = pool(url, user, password, settings, registry);
            DbClient client = JdbcClientBuilder.create()
                    .connectionPool(new HikariConnectionPool(pool))
                    .statements(DbStatements.builder().build())
                    .build();
            String description = embedded
                    .map(e -> "embedded PostgreSQL " + version + " in " + e.directory().toAbsolutePath()
                            + " (port " + e.port() + ")")
                    .orElseGet(() -> "external PostgreSQL " + version + " at " + safeUrl(url) + " as " + user);
            LOG.info("Database: " + description);
            String label = (embedded.isPresent() ? "embedded" : "external") + " PostgreSQL " + version;
            java.util.Properties credentials = new java.util.Properties();
            credentials.setProperty("user", user);
            credentials.setProperty("password", password);
            credentials.setProperty("tcpKeepAlive", "true");
            credentials.setProperty("ApplicationName", "opencity-listen");
            return new Database(embedded, pool, client, description, label, url, credentials);
        } catch (RuntimeException e) {
            embedded.ifPresent(EmbeddedDatabase::close);
            throw e;
        }
    }

    public DbClient client() {
        return client;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * A connection of its own, outside the pool, for a long-lived {@code LISTEN}: holding a pooled
     * connection for ever would shrink the pool and trip its lifetime rules.
     */
    public java.sql.Connection dedicatedConnection() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(url, credentials);
    }

    /** One line saying which database is in use, for logs and the health endpoint. */
    public String description() {
        return description;
    }

    /** A short public label ("embedded PostgreSQL 17.6"), without paths or addresses. */
    public String label() {
        return label;
    }

    public boolean embedded() {
        return embedded.isPresent();
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            try {
                dataSource.close();
            } finally {
                embedded.ifPresent(EmbeddedDatabase::close);
            }
        }
    }

    /** Fails with one clear line when the database cannot be reached; answers the server version. */
    private static String probe(String url, String user, String password, Settings settings) {
        Properties props = credentials(user, password);
        int seconds = (int) Math.max(1, settings.dbConnectTimeout().toSeconds());
        props.setProperty("connectTimeout", Integer.toString(seconds));
        props.setProperty("loginTimeout", Integer.toString(seconds));
        props.setProperty("socketTimeout", Integer.toString(seconds * 3));
        try (Connection c = DriverManager.getConnection(url, props)) {
            var meta = c.getMetaData();
            if (meta.getDatabaseMajorVersion() < 14) {
                throw new StartupException("PostgreSQL 14 or newer is needed, " + safeUrl(url) + " runs "
                                                   + meta.getDatabaseProductVersion());
            }
            return meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new StartupException("cannot connect to the database at " + safeUrl(url) + " as " + user + ": "
                                               + oneLine(e.getMessage()));
        }
    }

    /** Schema changes run once, before the pool opens, on their own connection without a statement timeout. */
    private static void migrate(String url, String user, String password) {
        try {
            Flyway.configure()
                    .dataSource(url, user, password)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StartupException("database migration failed: " + oneLine(e.getMessage()), e);
        }
    }

    private static HikariDataSource pool(String url, String user, String password, Settings settings,
                                         MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("opencity");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(settings.dbPoolSize());
        config.setMinimumIdle(Math.min(4, settings.dbPoolSize()));
        config.setConnectionTimeout(settings.dbConnectTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.dbConnectTimeout().toMillis(), 3000));
        config.setInitializationFailTimeout(settings.dbConnectTimeout().toMillis());
        long statementMillis = settings.dbStatementTimeout().toMillis();
        config.setConnectionInitSql("SET statement_timeout = " + statementMillis
                                            + "; SET lock_timeout = " + statementMillis
                                            + "; SET idle_in_transaction_session_timeout = " + Math.max(60_000, statementMillis * 4));
        // a connection whose socket hangs (frozen network) is abandoned rather than blocking a thread for ever
        config.addDataSourceProperty("socketTimeout", Long.toString(Math.max(1, settings.dbStatementTimeout().toSeconds() + 15)));
        config.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, settings.dbConnectTimeout().toSeconds())));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // Helidon DB Client binds UUIDs (and other non-JDBC types) as strings; sending strings untyped lets
        // PostgreSQL infer the column's type (uuid, jsonb, enum-like text) instead of refusing varchar
        config.addDataSourceProperty("stringtype", "unspecified");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "opencity");
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StartupException("cannot open the connection pool to " + safeUrl(url) + ": " + oneLine(e.getMessage()), e);
        }
    }

    private static Properties credentials(String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        return props;
    }

    /** The URL without any password parameter, safe to log. */
    static String safeUrl(String url) {
        return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
