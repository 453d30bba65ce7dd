package org.opencity.backend.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The one real PostgreSQL server the tests of this JVM use, chosen in the order of design §9:
 * the server named by {@code TEST_DB_URL} (with {@code TEST_DB_USER}, {@code TEST_DB_PASSWORD}),
 * else a Testcontainers PostgreSQL 17 when a Docker engine answers, else the embedded
 * PostgreSQL 17. Tests get their own databases on it from {@link TestDatabases}.
 */
public record PostgresServer(String kind, String host, int port, String maintenanceDatabase, String user,
                             String password) {

    private static final Logger LOG = Logger.getLogger(PostgresServer.class.getName());
    private static PostgresServer instance;

    public static synchronized PostgresServer get() {
        if (instance == null) {
            instance = choose();
            LOG.info("tests use " + instance.kind() + " PostgreSQL at " + instance.host() + ":" + instance.port());
        }
        return instance;
    }

    public String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(url(database), props);
    }

    private static PostgresServer choose() {
        String url = System.getenv("TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return fromUrl(url.trim(), env("TEST_DB_USER", "postgres"), env("TEST_DB_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new PostgresServer("Testcontainers", container.getHost(), container.getFirstMappedPort(),
                                      container.getDatabaseName(), container.getUsername(), container.getPassword());
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the process is exiting anyway
                }
            }));
            return new PostgresServer("embedded", "localhost", embedded.getPort(), "postgres", "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
        }
    }

    static PostgresServer fromUrl(String url, String user, String password) {
        var m = java.util.regex.Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*").matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("TEST_DB_URL must look like jdbc:postgresql://host:port/database, not " + url);
        }
        int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        return new PostgresServer("external", m.group(1), port, m.group(3), user, password);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
