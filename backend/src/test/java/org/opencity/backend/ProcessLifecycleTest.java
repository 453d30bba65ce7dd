package org.opencity.backend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencity.backend.testing.BackendProcess;
import org.opencity.backend.testing.TestDatabase;
import org.opencity.backend.testing.WithDatabase;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backend as an operator runs it: started through {@code Main} as its own process, on the
 * embedded or an external database, stopped by SIGTERM or killed, and refusing bad
 * configuration with one line.
 */
@WithDatabase
class ProcessLifecycleTest {

    private static final Duration START = Duration.ofSeconds(90);
    private final TestDatabase db;

    ProcessLifecycleTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void withoutADatabaseItRunsEmbeddedKeepsDataAcrossRestartsAndStopsCleanlyOnSigterm(@TempDir Path data) throws Exception {
        // as the README's run command starts it: on this machine only, so the demo city is seeded
        Map<String, String> env = Map.of("DATA_DIR", data.toString(), "HOST", "127.0.0.1");
        long postgresPid;
        try (BackendProcess first = BackendProcess.start(env, BackendProcess.freePort()).awaitHealthy(START)) {
            assertThat(first.output()).contains("Database: embedded PostgreSQL 17").contains("Demo city seeded");
            assertThat(first.output()).as("said loudly").contains("WARNING").contains("DEMO MODE");
            assertThat(first.get("/dev/sms").orElseThrow().statusCode()).as("codes shown on this machine").isEqualTo(200);
            assertThat(first.output().split("no FCM or APNs credentials configured", -1)).as("said once at start").hasSize(2);
            assertThat(first.get("/api/v1/categories").orElseThrow().body()).contains("water-leak");
            postgresPid = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).getFirst().trim());

            first.terminate(Duration.ofSeconds(60));
            assertThat(first.output()).contains("Open City is stopping").contains("Open City stopped");
            assertThat(stopsWithin(postgresPid, Duration.ofSeconds(15))).as("embedded PostgreSQL stopped").isTrue();
        }
        try (BackendProcess second = BackendProcess.start(env, BackendProcess.freePort()).awaitHealthy(START)) {
            assertThat(second.output()).contains("Database: embedded PostgreSQL").doesNotContain("Demo city seeded");
            assertThat(second.get("/api/v1/districts").orElseThrow().body()).contains("vakhitovsky");
        }
    }

    @Test
    void onAnAddressOthersCanReachTheEmbeddedDatabaseGetsNoDemoCityAndNoCodePage(@TempDir Path data) {
        Map<String, String> env = Map.of("DATA_DIR", data.toString(), "HOST", "0.0.0.0");
        try (BackendProcess process = BackendProcess.start(env, BackendProcess.freePort()).awaitHealthy(START)) {
            assertThat(process.output()).contains("Database: embedded PostgreSQL").doesNotContain("Demo city seeded");
            assertThat(process.get("/dev/sms").orElseThrow().statusCode()).isEqualTo(404);
            assertThat(process.get("/api/v1/districts").orElseThrow().body()).doesNotContain("vakhitovsky");
        }
    }

    @Test
    void afterAKillTheOrphanedEmbeddedDatabaseIsStoppedAndItsDataReused(@TempDir Path data) throws Exception {
        Map<String, String> env = Map.of("DATA_DIR", data.toString(), "HOST", "127.0.0.1");
        try (BackendProcess first = BackendProcess.start(env, BackendProcess.freePort()).awaitHealthy(START)) {
            first.kill();
        }
        long orphan = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).getFirst().trim());
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);
        try (BackendProcess second = BackendProcess.start(env, BackendProcess.freePort()).awaitHealthy(START)) {
            assertThat(second.output()).contains("orphaned embedded PostgreSQL").doesNotContain("Demo city seeded");
            assertThat(second.get("/api/v1/categories").orElseThrow().body()).contains("water-leak");
        }
    }

    @Test
    void withDbUrlItUsesThatServerStartsNothingEmbeddedAndDoesNotSeed(@TempDir Path data) {
        Map<String, String> env = Map.of("DATA_DIR", data.toString(), "DB_URL", db.url(), "DB_USER", db.user(),
                                         "DB_PASSWORD", db.password());
        try (BackendProcess backend = BackendProcess.start(env, BackendProcess.freePort()).awaitHealthy(START)) {
            assertThat(backend.output()).contains("Database: external PostgreSQL").doesNotContain("embedded");
            assertThat(backend.get("/api/v1/categories").orElseThrow().body()).isEqualTo("[]");
        }
        assertThat(data.resolve("postgres")).doesNotExist();
    }

    @Test
    void anUnreachableDatabaseEndsTheProcessWithOneClearLine() {
        assertFailsWithOneLine(Map.of("DB_URL", "jdbc:postgresql://127.0.0.1:1/opencity"),
                               "opencity: cannot connect to the database at jdbc:postgresql://127.0.0.1:1/opencity");
    }

    @Test
    void aDatabaseThatDoesNotExistEndsTheProcessWithOneClearLine() {
        String url = db.url().replace(db.name(), "no_such_database_here");
        assertFailsWithOneLine(Map.of("DB_URL", url, "DB_USER", db.user(), "DB_PASSWORD", db.password()),
                               "does not exist");
    }

    @Test
    void anOccupiedPortEndsTheProcessWithOneClearLine(@TempDir Path data) throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            BackendProcess backend = BackendProcess.start(Map.of("DATA_DIR", data.toString()), taken.getLocalPort());
            try (backend) {
                assertThat(backend.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
                assertOneErrorLine(backend.output(), "is already in use");
            }
        }
    }

    @Test
    void aDataFolderThatIsNotAFolderEndsTheProcessWithOneClearLine(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        assertFailsWithOneLine(Map.of("DATA_DIR", file.toString()), "data folder");
    }

    @Test
    void aPhotoFolderThatCannotBeWrittenEndsTheProcessWithOneClearLine(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("photos-is-a-file"), "x");
        assertFailsWithOneLine(Map.of("DATA_DIR", tmp.resolve("data").toString(), "PHOTO_DIR", file.toString()), "photo folder");
    }

    @Test
    void aMalformedSettingEndsTheProcessWithOneClearLine() {
        assertFailsWithOneLine(Map.of("DB_POOL_SIZE", "many"), "DB_POOL_SIZE must be a whole number");
    }

    /** The postmaster removes its pid file a moment before it exits. */
    private static boolean stopsWithin(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private void assertFailsWithOneLine(Map<String, String> env, String expected) {
        try (BackendProcess backend = BackendProcess.start(env, BackendProcess.freePort())) {
            assertThat(backend.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertOneErrorLine(backend.output(), expected);
        }
    }

    private static void assertOneErrorLine(String output, String expected) {
        assertThat(output).doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(output.lines().filter(l -> l.startsWith("opencity: ")).toList())
                .singleElement().asString().contains(expected);
    }
}
