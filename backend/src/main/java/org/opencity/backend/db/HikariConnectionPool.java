package org.opencity.backend.db;

import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hands HikariCP connections to Helidon DB Client ({@code helidon-dbclient-hikari} is not
 * available to this build, and this is all it would do).
 */
final class HikariConnectionPool implements JdbcConnectionPool {

    private final HikariDataSource dataSource;

    HikariConnectionPool(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DbClientException("no database connection available: " + e.getMessage(), e);
        }
    }

    @Override
    public String dbType() {
        return "postgresql";
    }
}
