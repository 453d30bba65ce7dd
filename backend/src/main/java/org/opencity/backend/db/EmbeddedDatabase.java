package org.opencity.backend.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.opencity.backend.StartupException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * A real PostgreSQL 17 server run from the binaries bundled as a Maven artifact, keeping its data
 * in {@code <dataDir>/postgres} so that a restart finds everything again.
 *
 * <p>Only one backend process may own a data folder: a lock file enforces it. If a previous
 * owner was killed without a chance to stop its server, that orphaned PostgreSQL still holds
 * the data folder; it is asked to shut down before the new one starts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());
    static final String DATABASE = "opencity";
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path directory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock, Path directory) {
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.directory = directory;
    }

    /** Starts (creating on first use) the embedded server for a data folder. */
    public static EmbeddedDatabase start(Path dataDir) {
        Path directory = prepareFolder(dataDir).resolve("postgres");
        FileChannel channel = null;
        FileLock lock;
        try {
            channel = FileChannel.open(dataDir.resolve("opencity.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.tryLock();
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupException("cannot lock the data folder " + dataDir.toAbsolutePath() + ": " + e.getMessage());
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new StartupException("the data folder " + dataDir.toAbsolutePath()
                                               + " is in use by another Open City process; stop it or set DATA_DIR");
        }
        try {
            stopOrphanedServer(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    // the library starts PostgreSQL with fsync off for speed; this is real data
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "localhost")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolve("postgres.log").toFile()))
                    .start();
            EmbeddedDatabase db = new EmbeddedDatabase(postgres, channel, lock, directory);
            db.createApplicationDatabase();
            return db;
        } catch (IOException | RuntimeException e) {
            release(lock, channel);
            if (e instanceof StartupException se) {
                throw se;
            }
            throw new StartupException("cannot start the embedded PostgreSQL in " + directory.toAbsolutePath()
                                               + ": " + Optional.ofNullable(e.getMessage()).orElse(e.toString())
                                               + " (its log is " + dataDir.resolve("postgres.log") + ")", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warning("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        } finally {
            release(lock, lockChannel);
        }
    }

    private void createApplicationDatabase() {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
            }
        } catch (SQLException e) {
            throw new StartupException("cannot create the database '" + DATABASE + "' in the embedded PostgreSQL: "
                                               + e.getMessage(), e);
        }
    }

    private static Path prepareFolder(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException | SecurityException e) {
            throw new StartupException("cannot create the data folder " + dataDir.toAbsolutePath() + " (" + e + ")");
        }
        if (!Files.isDirectory(dataDir) || !Files.isReadable(dataDir) || !Files.isWritable(dataDir)) {
            throw new StartupException("the data folder " + dataDir.toAbsolutePath()
                                               + " is not a readable and writable folder; fix its permissions or set DATA_DIR");
        }
        return dataDir;
    }

    /**
     * A backend killed with SIGKILL leaves its PostgreSQL child running. We hold the folder's
     * lock, so that server has no live owner: ask it to shut down and wait for it, forcing only if
     * it does not go.
     */
    private static void stopOrphanedServer(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(cmd -> cmd.endsWith("postgres")).orElse(false));
        if (process.isEmpty()) {
            return;  // stale pid file: PostgreSQL itself recovers from it
        }
        LOG.warning("stopping an orphaned embedded PostgreSQL (pid " + pid + ") left by a previous run");
        // SIGTERM is PostgreSQL's "smart" shutdown; its clients died with their process, so it goes at once
        process.get().destroy();
        try {
            process.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.get().destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void release(FileLock lock, FileChannel channel) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // the channel close below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
