package org.opencity.backend.photos;

import org.opencity.backend.config.ConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Photos in a local directory, two levels of sub-folders by key prefix. A file is written under a
 * temporary name in {@code .incoming/}, flushed to disk and renamed into place, so a crash never
 * leaves half a photo under its real name. What a crash leaves in {@code .incoming/} is deleted
 * at the next start once it is older than any write could take (other nodes sharing the folder
 * may be writing the younger ones).
 */
public final class LocalPhotoStore implements PhotoStore {

    private static final Logger LOG = Logger.getLogger(LocalPhotoStore.class.getName());
    private static final Pattern KEY = Pattern.compile("[a-z0-9-]{8,80}(\\.[a-z]{2,5})?");
    /** No photo takes this long to write; a temporary file this old was left by a crash. */
    static final Duration ABANDONED = Duration.ofHours(1);
    private final Path root;
    private final Path incoming;

    private LocalPhotoStore(Path root) {
        this.root = root;
        this.incoming = root.resolve(".incoming");
    }

    /** The store in a folder that exists (or can be made) and can be written; else a configuration error. */
    public static LocalPhotoStore open(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new ConfigException("the photo folder " + root + " (PHOTO_DIR) cannot be created: " + e.getMessage());
        }
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            throw new ConfigException("the photo folder " + root + " (PHOTO_DIR) is not a writable folder");
        }
        LocalPhotoStore store = new LocalPhotoStore(root);
        store.removeAbandoned(Instant.now().minus(ABANDONED));
        return store;
    }

    /** Deletes temporary files last written before {@code before}; answers how many. */
    int removeAbandoned(Instant before) {
        if (!Files.isDirectory(incoming)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming)) {
            for (Path f : files) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(before) && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warning("cannot clear abandoned photo files in " + incoming + ": " + e.getMessage());
        }
        if (removed > 0) {
            LOG.info(removed + " photo file(s) left half-written by a crash deleted");
        }
        return removed;
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Files.createDirectories(incoming);
            Path temp = Files.createTempFile(incoming, key + "-", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store photo " + key, e);
        }
    }

    @Override
    public Optional<InputStream> get(String key) {
        try {
            return Optional.of(Files.newInputStream(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(path(key));
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String describe() {
        return "local directory " + root.toAbsolutePath();
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("bad photo key");
        }
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }
}
