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
 * Signing out with unsent work, killed at any write: after the restart nothing of the first
 * account is left where another account's sync would send it, and the work arrives exactly once
 * when the first account signs in again.
 */
@WithApp
class AccountSwitchCrashTest {

    private final TestApp app;

    AccountSwitchCrashTest(TestApp app) {
        this.app = app;
    }

    @Test
    void aSignOutKilledAtAnyWriteKeepsTheWorkForItsAccountOnly(@TempDir Path phones) throws Exception {
        boolean completed = false;
        for (int die = 1; !completed; die++) {
            assertThat(die).as("a sign-out makes a bounded number of writes").isLessThan(50);
            Path folder = phones.resolve("sign-out-" + die);
            TestApp.Tokens first = app.newResident();
            TestApp.Tokens second = app.newResident();
            UUID report = Ids.newId();
            SyncClient phone = client(folder, 0);
            phone.signedIn(first.access(), first.refresh(), first.userId());
            UUID firstDevice = phone.deviceId();
            phone.fileRequest(newRequest(report, "sign-out dies at write " + die), photos(1));
            try {
                client(folder, die).signedOut(first.userId(), true);
                completed = true;
            } catch (FaultyTransport.Killed killed) {
                // the process died here; it starts again below
            }

            SyncClient reborn = client(folder, 0);
            if (reborn.status().signedIn()) {
                // died before the sign-out began: still signed in with the work in place; the person signs out again
                assertThat(reborn.status().pendingOps()).as("still queued (died at %d)", die).isEqualTo(1);
                reborn.signedOut(first.userId(), true);
            }
            assertThat(reborn.status().pendingOps()).as("nothing left in the outbox (died at %d)", die).isZero();
            assertThat(reborn.status().signedIn()).isFalse();
            assertThat(reborn.deviceId()).as("a new device id").isNotEqualTo(firstDevice);
            reborn.signedIn(second.access(), second.refresh(), second.userId());
            reborn.syncOnce();
            assertThat(app.database().count("SELECT count(*) FROM request WHERE id = '" + report + "'"))
                    .as("not sent under the second account (died at %d)", die).isZero();

            reborn.signedOut(second.userId(), true);
            reborn.signedIn(first.access(), first.refresh(), first.userId());
            reborn.syncOnce();
            reborn.syncOnce();
            assertThat(app.database().count("SELECT count(*) FROM request WHERE id = '" + report + "' AND reporter_id = '"
                                            + first.userId() + "'")).as("sent as the first account (died at %d)", die).isEqualTo(1);
            assertThat(app.database().count("SELECT count(*) FROM request_photo WHERE request_id = '" + report
                                            + "' AND stored_at IS NOT NULL")).isEqualTo(1);
            assertThat(reborn.status().pendingOps()).isZero();
            assertThat(reborn.status().pendingPhotos()).isZero();
            assertThat(Files.exists(folder.resolve("parking.json"))).isFalse();
        }
    }

    private SyncClient client(Path folder, int dieAtWrite) {
        return new SyncClient(new SyncClientCrashTest.DyingStore(folder, dieAtWrite), new HttpTransport(app.uri("/")), Clock.systemUTC(),
                              new Random(11));
    }

    private NewRequest newRequest(UUID id, String description) {
        return CrashFixtures.plumbingReport(app, id, description);
    }

    private List<SyncClient.LocalPhoto> photos(int count) {
        return CrashFixtures.reportPhotos(app, count);
    }
}
