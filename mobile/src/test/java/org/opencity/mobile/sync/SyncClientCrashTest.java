package org.opencity.mobile.sync;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.model.Ids;
import org.opencity.model.request.NewRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The phone dies at every single file write the client makes — while saving a report with its
 * photos, and while syncing it — and a new client on the same folder must end with the report on
 * the server exactly once with all its photos, or (died before the report was saved) with nothing
 * at all left behind.
 */
@WithApp
class SyncClientCrashTest {

    private final TestApp app;

    SyncClientCrashTest(TestApp app) {
        this.app = app;
    }

    /** A store whose process dies just before its n-th write (or never, when n is 0). */
    static final class DyingStore extends DurableStore {
        private int writesLeft;

        DyingStore(Path root, int dieAtWrite) {
            super(root);
            this.writesLeft = dieAtWrite;
        }

        @Override
        public void write(String relative, byte[] content) {
            if (writesLeft > 0 && --writesLeft == 0) {
                throw new FaultyTransport.Killed();
            }
            super.write(relative, content);
        }
    }

    @Test
    void aReportSurvivesDyingAtAnyWriteWhileItIsSaved(@TempDir Path phones) throws Exception {
        int saveWrites = 5;   // two photos (bytes + metadata each), then the command
        for (int die = 1; die <= saveWrites + 1; die++) {
            Path folder = phones.resolve("save-" + die);
            TestApp.Tokens resident = app.newResident();
            UUID report = Ids.newId();
            boolean saved;
            try {
                client(folder, die, resident).fileRequest(newRequest(report, "dies at write " + die), photos(2));
                saved = true;
            } catch (FaultyTransport.Killed killed) {
                saved = false;
            }
            SyncClient reborn = client(folder, 0, null);
            reborn.syncOnce();
            if (saved) {
                assertThat(die).as("every write of the save happened").isGreaterThan(saveWrites);
                assertOnServerOnceWithPhotos(report, 2);
            } else {
                assertThat(app.database().count("SELECT count(*) FROM request WHERE id = '" + report + "'")).as("died at " + die).isZero();
                assertThat(reborn.status().pendingOps()).isZero();
                List<Path> left = List.of();
                if (Files.isDirectory(folder.resolve("photos"))) {
                    try (var files = Files.list(folder.resolve("photos"))) {
                        left = files.toList();
                    }
                }
                assertThat(left).as("photos of an unsaved report are cleaned up (died at " + die + ")").isEmpty();
            }
        }
    }

    @Test
    void aSavedReportArrivesExactlyOnceWhateverWriteTheSyncDiesAt(@TempDir Path phones) throws Exception {
        boolean completed = false;
        for (int die = 1; !completed; die++) {
            assertThat(die).as("a sync makes a bounded number of writes").isLessThan(100);
            Path folder = phones.resolve("sync-" + die);
            TestApp.Tokens resident = app.newResident();
            UUID report = Ids.newId();
            client(folder, 0, resident).fileRequest(newRequest(report, "sync dies at write " + die), photos(2));
            try {
                client(folder, die, null).syncOnce();
                completed = true;
            } catch (FaultyTransport.Killed killed) {
                SyncClient reborn = client(folder, 0, null);
                reborn.syncOnce();
                reborn.syncOnce();
                assertThat(reborn.status().pendingOps()).isZero();
                assertThat(reborn.status().pendingPhotos()).isZero();
                assertThat(reborn.status().failures()).isEmpty();
            }
            assertOnServerOnceWithPhotos(report, 2);
            assertThat(client(folder, 0, null).requests()).as("the phone holds what it reported").anySatisfy(
                    r -> assertThat(r.summary().id()).isEqualTo(report));
        }
    }

    private void assertOnServerOnceWithPhotos(UUID report, int photos) {
        assertThat(app.database().count("SELECT count(*) FROM request WHERE id = '" + report + "'")).isEqualTo(1);
        assertThat(app.database().count("SELECT count(*) FROM request_event WHERE request_id = '" + report + "' AND kind = 'CREATED'"))
                .isEqualTo(1);
        assertThat(app.database().count("SELECT count(*) FROM request_photo WHERE request_id = '" + report + "' AND stored_at IS NOT NULL"))
                .isEqualTo(photos);
    }

    private SyncClient client(Path folder, int dieAtWrite, TestApp.Tokens signIn) {
        if (signIn != null) {
            client(folder, 0, null).signedIn(signIn.access(), signIn.refresh());
        }
        return new SyncClient(new DyingStore(folder, dieAtWrite), new HttpTransport(app.uri("/")), Clock.systemUTC(), new Random(7));
    }

    private NewRequest newRequest(UUID id, String description) {
        return CrashFixtures.plumbingReport(app, id, description);
    }

    private List<SyncClient.LocalPhoto> photos(int count) {
        return CrashFixtures.reportPhotos(app, count);
    }
}
