package org.opencity.backend.photos;

import java.io.InputStream;
import java.util.Optional;

/**
 * Where photo files live (originals, display copies, thumbnails), by key. A local directory by
 * default; an S3-compatible object store for several backend nodes. Writes are whole and atomic:
 * a reader sees either nothing or the complete file.
 */
public interface PhotoStore {

    void put(String key, byte[] content, String contentType);

    Optional<InputStream> get(String key);

    boolean exists(String key);

    void delete(String key);

    /** A short name for logs ("local directory /var/lib/opencity/photos"). */
    String describe();
}
