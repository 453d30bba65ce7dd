package org.opencity.backend.config;

import io.helidon.config.Config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the backend needs to know about its environment, validated once at start.
 *
 * @param port              HTTP port (0 picks a free one, used by tests)
 * @param dbUrl             JDBC URL of an external PostgreSQL; empty means the embedded one
 * @param dbUser            user for the external database
 * @param dbPassword        password for the external database
 * @param dbPoolSize        maximum connections in the pool
 * @param dbStatementTimeout longest a single SQL statement may run before the database cancels it
 * @param dbConnectTimeout  longest a request waits for a pooled connection, and the login timeout
 * @param dataDir           folder for the embedded database and local files
 * @param photoDir          folder for photos (originals, display copies, thumbnails); empty: {@code dataDir/photos}
 * @param photoStore        an S3-compatible object store for photos instead of the folder (several nodes)
 * @param demo              seed the demo city (and enable demo-only pages)
 * @param server            the {@code server} section handed to Helidon (limits, timeouts)
 * @param auth              sign-in and session policy
 * @param sms               the SMS provider for sign-in codes
 * @param limits            rate limits and cross-origin policy
 * @param sweepInterval     how often the deadline sweeper looks for due warnings, escalations and auto-closes
 * @param push              push providers (Firebase, Apple); none configured means inbox and live stream only
 */
public record Settings(int port,
                       Optional<String> dbUrl,
                       String dbUser,
                       String dbPassword,
                       int dbPoolSize,
                       Duration dbStatementTimeout,
                       Duration dbConnectTimeout,
                       Path dataDir,
                       Optional<Path> photoDir,
                       Optional<ObjectStoreSettings> photoStore,
                       boolean demo,
                       Config server,
                       AuthSettings auth,
                       SmsSettings sms,
                       LimitSettings limits,
                       Duration sweepInterval,
                       PushSettings push) {

    public Settings {
        Objects.requireNonNull(dbUrl, "dbUrl");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(photoDir, "photoDir");
        Objects.requireNonNull(photoStore, "photoStore");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(sms, "sms");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(push, "push");
        if (port < 0 || port > 65535) {
            throw new ConfigException("PORT must be between 0 and 65535, not " + port);
        }
        if (dbPoolSize < 2) {
            throw new ConfigException("DB_POOL_SIZE must be at least 2, not " + dbPoolSize);
        }
    }

    /** Where photos are kept: the configured folder, else {@code photos} in the data folder. */
    public Path photos() {
        return photoDir.orElse(dataDir.resolve("photos"));
    }

    public boolean embeddedDatabase() {
        return dbUrl.isEmpty();
    }

    /** The same settings with another port; tests start on port 0. */
    public Settings withPort(int newPort) {
        return new Settings(newPort, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, photoStore, demo, server, auth, sms, limits, sweepInterval, push);
    }

    /** The same settings pointing at another database. */
    public Settings withDatabase(String url, String user, String password) {
        return new Settings(port, Optional.of(url), user, password, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, photoStore, demo, server, auth, sms, limits, sweepInterval, push);
    }

    /** The same settings with another SMS provider. */
    public Settings withSms(SmsSettings newSms) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, photoStore, demo, server, auth, newSms, limits, sweepInterval, push);
    }

    /** The same settings with other limits. */
    public Settings withLimits(LimitSettings newLimits) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, photoStore, demo, server, auth, sms, newLimits, sweepInterval, push);
    }

    /** The same settings with another data folder. */
    public Settings withDataDir(Path newDataDir) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            newDataDir, photoDir, photoStore, demo, server, auth, sms, limits, sweepInterval, push);
    }

    /** The same settings with another sweep interval. */
    public Settings withSweepInterval(Duration interval) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, photoStore, demo, server, auth, sms, limits, interval, push);
    }

    /** The same settings with other push providers. */
    public Settings withPush(PushSettings newPush) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, photoStore, demo, server, auth, sms, limits, sweepInterval, newPush);
    }

    /** The same settings with demo mode switched. */
    public Settings withDemo(boolean newDemo) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, photoStore, newDemo, server, auth, sms, limits, sweepInterval, push);
    }

    /** The same settings keeping photos in an object store. */
    public Settings withPhotoStore(ObjectStoreSettings store) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, Optional.of(store), demo, server, auth, sms, limits, sweepInterval, push);
    }
}
