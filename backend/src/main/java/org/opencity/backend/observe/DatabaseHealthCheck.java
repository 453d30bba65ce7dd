package org.opencity.backend.observe;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Readiness: the backend is ready only while it can get a pooled connection and the database
 * answers within two seconds. A load balancer stops sending traffic when this goes DOWN.
 */
public final class DatabaseHealthCheck implements HealthCheck {

    private final DataSource dataSource;
    private final String description;

    public DatabaseHealthCheck(DataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection c = dataSource.getConnection()) {
            boolean valid = c.isValid(2);
            return HealthCheckResponse.builder()
                    .status(valid)
                    .detail("database", description)
                    .build();
        } catch (SQLException e) {
            return HealthCheckResponse.builder()
                    .status(false)
                    .detail("database", description)
                    .detail("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
