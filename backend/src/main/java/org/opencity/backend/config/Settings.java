package org.opencity.backend.config;

import io.helidon.config.Config;

import java.net.URI;
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
 * @param demoMode          whether to seed the demo city (and enable demo-only pages), and why
 * @param server            the {@code server} section handed to Helidon (limits, timeouts)
 * @param auth              sign-in and session policy
 * @param sms               the SMS provider for sign-in codes
 * @param limits            rate limits and cross-origin policy
 * @param sweepInterval     how often the deadline sweeper looks for due warnings, escalations and auto-closes
 * @param push              push providers (Firebase, Apple); none configured means inbox and live stream only
 * @param guards            public status lookup and refused-credential limits, the live-stream cap, the metrics token
 * @param publicUrl         the address the service is reached at from outside ({@code https://city.example}), for
 *                          absolute links such as Open311 discovery; empty: taken from each request
 * @param contacts          how residents reach the city besides the web: the app stores' pages, the call centre phone
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
                       DemoMode demoMode,
                       Config server,
                       AuthSettings auth,
                       SmsSettings sms,
                       LimitSettings limits,
                       Duration sweepInterval,
                       PushSettings push,
                       GuardSettings guards,
                       Optional<URI> publicUrl,
                       ContactSettings contacts) {

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
        Objects.requireNonNull(demoMode, "demoMode");
        Objects.requireNonNull(guards, "guards");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(contacts, "contacts");
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
                            dataDir, photoDir, photoStore, demoMode, server, auth, sms, limits, sweepInterval, push, guards, publicUrl, contacts);
    }

    /** The same settings pointing at another database. */
    public Settings withDatabase(String url, String user, String password) {
        return new Settings(port, Optional.of(url), user, password, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, photoStore, demoMode, server, auth, sms, limits, sweepInterval, push, guards, publicUrl, contacts);
    }

    /** The same settings with another SMS provider. */
    public Settings withSms(SmsSettings newSms) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, photoStore, demoMode, server, auth, newSms, limits, sweepInterval, push, guards, publicUrl, contacts);
    }

    /** The same settings with other limits. */
    public Settings withLimits(LimitSettings newLimits) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, photoStore, demoMode, server, auth, sms, newLimits, sweepInterval, push, guards, publicUrl, contacts);
    }

    /** The same settings with another data folder. */
    public Settings withDataDir(Path newDataDir) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            newDataDir, photoDir, photoStore, demoMode, server, auth, sms, limits, sweepInterval, push, guards, publicUrl, contacts);
    }

    /** The same settings with another sweep interval. */
    public Settings withSweepInterval(Duration interval) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, photoStore, demoMode, server, auth, sms, limits, interval, push, guards, publicUrl, contacts);
    }

    /** The same settings with another public address. */
    public Settings withPublicUrl(Optional<URI> newPublicUrl) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, photoStore, demoMode, server, auth, sms, limits, sweepInterval, push, guards, newPublicUrl, contacts);
    }

    /** The same settings with other push providers. */
    public Settings withPush(PushSettings newPush) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, photoStore, demoMode, server, auth, sms, limits, sweepInterval, newPush, guards, publicUrl, contacts);
    }

    /**
     * How demo mode came about. Demo mode publishes every resident's sign-in code on {@code /dev/sms}
     * and opens the demo staff accounts, so it is never implied for a server others can reach.
     */
    public enum DemoMode {
        /** No demo city, no demo pages. */
        OFF,
        /** {@code DEMO=auto} with the embedded database on a loopback {@code HOST}: reachable from this machine only. */
        LOOPBACK,
        /** {@code DEMO=true}: the operator asked for it, wherever the server listens. */
        ASKED
    }

    /** Whether the demo city is seeded and demo-only pages may exist. */
    public boolean demo() {
        return demoMode != DemoMode.OFF;
    }

    /** The address the server listens on ({@code HOST}). */
    public String host() {
        return server.get("host").asString().orElse("0.0.0.0");
    }

    /** Whether the server listens only on this machine's loopback interface. */
    public boolean listensOnLoopback() {
        return loopback(host());
    }

    /** Whether an address (a name or a literal) is the loopback interface. */
    public static boolean loopback(String host) {
        String h = host.strip();
        if (h.isEmpty() || h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]")) {
            return false;
        }
        try {
            java.net.InetAddress[] all = java.net.InetAddress.getAllByName(h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
            for (java.net.InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The same settings with other guards. */
    public Settings withGuards(GuardSettings newGuards) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, photoStore, demoMode, server, auth, sms, limits, sweepInterval, push, newGuards, publicUrl, contacts);
    }

    /** The same settings with demo mode switched (on counts as asked for). */
    public Settings withDemo(boolean newDemo) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, photoStore, newDemo ? DemoMode.ASKED : DemoMode.OFF, server, auth, sms, limits, sweepInterval, push, guards, publicUrl, contacts);
    }

    /** The same settings keeping photos in an object store. */
    public Settings withPhotoStore(ObjectStoreSettings store) {
        return new Settings(port, dbUrl, dbUser, dbPassword, dbPoolSize, dbStatementTimeout, dbConnectTimeout,
                            dataDir, photoDir, Optional.of(store), demoMode, server, auth, sms, limits, sweepInterval, push, guards, publicUrl, contacts);
    }
}
