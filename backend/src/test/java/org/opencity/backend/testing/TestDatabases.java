package org.opencity.backend.testing;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbStatements;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import org.flywaydb.core.Flyway;
import org.opencity.backend.accounts.PasswordHasher;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.demo.DemoCity;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Hands out fresh, migrated, empty (or demo-seeded) databases. Migrating is done once per JVM
 * into a template database; each test class then gets a copy made by {@code CREATE DATABASE ...
 * TEMPLATE}, which takes a fraction of a second, so tests never share data or depend on order.
 */
public final class TestDatabases {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static String emptyTemplate;
    private static String demoTemplate;

    private TestDatabases() {
    }

    /** A new database with the current schema and no data. */
    public static TestDatabase createEmpty() {
        return copyOf(emptyTemplate());
    }

    /** A new database with the current schema and the demo city. */
    public static TestDatabase createDemo() {
        return copyOf(demoTemplate());
    }

    private static synchronized String emptyTemplate() {
        if (emptyTemplate == null) {
            String name = "oc_tpl_" + RUN;
            create(name, null);
            PostgresServer server = PostgresServer.get();
            Flyway.configure().dataSource(server.url(name), server.user(), server.password())
                    .locations("classpath:db/migration").load().migrate();
            markTemplate(name);
            emptyTemplate = name;
        }
        return emptyTemplate;
    }

    private static synchronized String demoTemplate() {
        if (demoTemplate == null) {
            String name = "oc_tpl_demo_" + RUN;
            create(name, emptyTemplate());
            PostgresServer server = PostgresServer.get();
            try (TestDatabase db = new TestDatabase(server, name, false)) {
                new DemoCity(new Transactions(db.client()), new PasswordHasher(PasswordHasher.Params.OWASP, 2)).seed();
            }
            markTemplate(name);
            demoTemplate = name;
        }
        return demoTemplate;
    }

    private static TestDatabase copyOf(String template) {
        String name = "oc_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        create(name, template);
        return new TestDatabase(PostgresServer.get(), name, true);
    }

    private static void create(String name, String template) {
        PostgresServer server = PostgresServer.get();
        try (Connection c = server.connect(server.maintenanceDatabase()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + (template == null ? " TEMPLATE template0 ENCODING 'UTF8'" : " TEMPLATE " + template));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " (the test user needs CREATEDB): "
                                                    + e.getMessage(), e);
        }
    }

    /** Templates are dropped when the JVM exits, so an external test server is left clean. */
    private static void markTemplate(String name) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
    }

    static void drop(String name) {
        PostgresServer server = PostgresServer.get();
        try (Connection c = server.connect(server.maintenanceDatabase()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // best effort: a leftover test database is harmless and named oc_t_* / oc_tpl_*
        }
    }

    /** Helidon DB Client on a plain data source, configured like the application's. */
    static DbClient client(javax.sql.DataSource dataSource) {
        return JdbcClientBuilder.create()
                .connectionPool(() -> {
                    try {
                        return dataSource.getConnection();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .statements(DbStatements.builder().build())
                .build();
    }
}
