package org.opencity.backend.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL server of the test's own (the embedded binaries), on a fixed port and data folder,
 * that the test can stop as {@code pg_ctl stop -m immediate} does — SIGQUIT to the postmaster:
 * every backend process quits at once, nothing is checkpointed, the next start recovers from
 * the WAL — and start again where it was.
 */
final class OwnPostgres implements AutoCloseable {

    static final String DATABASE = "opencity";
    private final Path data;
    private final int port;
    private EmbeddedPostgres server;

    OwnPostgres(Path data, int port) {
        this.data = data;
        this.port = port;
        start();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    int port() {
        return port;
    }

    Connection connect() throws SQLException {
        return server.getDatabase("postgres", DATABASE).getConnection();
    }

    void start() {
        try {
            server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                    // the library turns durability off for speed; an acknowledged commit must survive the stop
                    .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100").setPGStartupWait(Duration.ofSeconds(60)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Immediate shutdown; answers once the postmaster is gone. */
    void stopImmediately() throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
        int status = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start().waitFor();
        if (status != 0) {
            throw new IllegalStateException("kill -QUIT " + pid + " answered " + status);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL " + pid + " still running after SIGQUIT");
            }
            Thread.sleep(20);
        }
        release();
    }

    /** Lets go of the library's lock on the data folder (its stop finds no server and says so). */
    private void release() {
        // after an immediate stop the library's own stop fails and logs it with a stack trace: expected, so hushed
        java.util.logging.Logger library = java.util.logging.Logger.getLogger(EmbeddedPostgres.class.getName());
        java.util.logging.Level level = library.getLevel();
        library.setLevel(java.util.logging.Level.OFF);
        try {
            server.close();
        } catch (IOException | RuntimeException ignored) {
            // the server is already gone
        } finally {
            library.setLevel(level);
        }
    }

    @Override
    public void close() {
        release();
    }
}
