package org.opencity.backend.observe;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Readiness: the backend is ready only while it can get a pooled connection and the database
 * answers within two seconds. A load balancer stops sending traffic when this goes DOWN. The
 * whole check is bounded by that time too: while the database is gone, waiting for a connection
 * would take the pool's connect timeout, longer than a load balancer waits for the answer.
 */
public final class DatabaseHealthCheck implements HealthCheck {

    private static final Duration LIMIT = Duration.ofSeconds(2);
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
        CompletableFuture<HealthCheckResponse> check = new CompletableFuture<>();
        Thread.ofVirtual().name("database-health").start(() -> check.complete(probe()));
        try {
            return check.get(LIMIT.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return down("no connection within " + LIMIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            return down(e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
    }

    private HealthCheckResponse down(String error) {
        return HealthCheckResponse.builder()
                .status(false)
                .detail("database", description)
                .detail("error", error)
                .build();
    }

    private HealthCheckResponse probe() {
        try (Connection c = dataSource.getConnection()) {
            boolean valid = c.isValid((int) LIMIT.toSeconds());
            return HealthCheckResponse.builder()
                    .status(valid)
                    .detail("database", description)
                    .build();
        } catch (SQLException | RuntimeException e) {
            return down(e.getClass().getSimpleName());
        }
    }
}
