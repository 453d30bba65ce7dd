package org.opencity.mobile.sync;

import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.TestImages;
import org.opencity.model.request.NewRequest;
import org.opencity.model.request.PhotoKind;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** What the crash tests queue on a phone: a plumbing report at a demo building, and report photos. */
final class CrashFixtures {

    private CrashFixtures() {
    }

    static NewRequest plumbingReport(TestApp app, UUID id, String description) {
        String building = app.database().client().execute()
                .query("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' LIMIT 1")
                .findFirst().orElseThrow().column(1).get().toString();
        return new NewRequest(id, "plumbing", "Water leaking: " + description, null, UUID.fromString(building), null, null, "3", null,
                              null, null, null, null, List.of());
    }

    static List<SyncClient.LocalPhoto> reportPhotos(TestApp app, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new SyncClient.LocalPhoto(UUID.randomUUID(), PhotoKind.REPORT, TestImages.jpeg(400 + i, 300),
                                                         app.clock().instant(), null))
                .toList();
    }
}
