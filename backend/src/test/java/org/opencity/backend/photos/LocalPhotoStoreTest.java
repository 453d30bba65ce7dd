package org.opencity.backend.photos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The local photo folder: whole files under real names, and what a crash leaves behind cleared later. */
class LocalPhotoStoreTest {

    @Test
    void aFileLeftHalfWrittenByACrashIsDeletedAtALaterStartOnceNoWriteCouldStillOwnIt(@TempDir Path root) throws Exception {
        LocalPhotoStore store = LocalPhotoStore.open(root);
        store.put("0190abcd-0000-7000-8000-000000000001.jpg", new byte[] {1, 2, 3}, "image/jpeg");
        Path incoming = root.resolve(".incoming");
        Path abandoned = Files.write(incoming.resolve("0190abcd-0000-7000-8000-000000000002.jpg-1.tmp"), new byte[] {1});
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(LocalPhotoStore.ABANDONED).minus(Duration.ofMinutes(1))));
        Path beingWritten = Files.write(incoming.resolve("0190abcd-0000-7000-8000-000000000003.jpg-2.tmp"), new byte[] {1});

        LocalPhotoStore.open(root);

        assertThat(abandoned).doesNotExist();
        assertThat(beingWritten).as("perhaps another node's write in progress").exists();
        assertThat(store.exists("0190abcd-0000-7000-8000-000000000001.jpg")).isTrue();
        try (var files = Files.list(incoming)) {
            assertThat(files.toList()).containsExactly(beingWritten);
        }
    }
}
