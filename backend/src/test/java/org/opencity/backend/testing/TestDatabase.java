package org.opencity.backend.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClient;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One test database: its JDBC coordinates, a small pool, and a Helidon DB Client on it.
 * Closing it closes the pool and, if it owns the database, drops it.
 */
public final class TestDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final String name;
    private final boolean owned;
    private final HikariDataSource dataSource;
    private final DbClient client;

    TestDatabase(PostgresServer server, String name, boolean owned) {
        this.server = server;
        this.name = name;
        this.owned = owned;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.url(name));
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(0);
        config.setPoolName("test-" + name);
        config.addDataSourceProperty("stringtype", "unspecified");
        this.dataSource = new HikariDataSource(config);
        this.client = TestDatabases.client(dataSource);
    }

    public String name() {
        return name;
    }

    public String url() {
        return server.url(name);
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DbClient client() {
        return client;
    }

    /** The single number a query answers, for assertions ({@code SELECT count(*) ...}). */
    public long count(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from " + sql);
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs a statement directly, for setting up a case. */
    public void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
        dataSource.close();
        if (owned) {
            TestDatabases.drop(name);
        }
    }
}
