package org.opencity.mobile.platform;

import com.gluonhq.attach.storage.StorageService;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The app-private folder that holds the local store: Gluon Attach's private storage on a phone,
 * {@code ~/.opencity} on the desktop (or the folder given with {@code --data=}).
 */
public final class AppFolder {

    private AppFolder() {
    }

    public static Path resolve(Optional<String> configured) {
        if (configured.isPresent()) {
            return Path.of(configured.get());
        }
        Optional<Path> attach;
        try {
            attach = StorageService.create().flatMap(StorageService::getPrivateStorage).map(f -> f.toPath().resolve("opencity"));
        } catch (RuntimeException | LinkageError e) {
            attach = Optional.empty();
        }
        return attach.orElseGet(() -> Path.of(System.getProperty("user.home"), ".opencity"));
    }
}
