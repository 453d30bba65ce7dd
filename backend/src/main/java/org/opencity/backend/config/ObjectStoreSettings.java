package org.opencity.backend.config;

import java.net.URI;
import java.util.Optional;

/**
 * An S3-compatible object store for photos (AWS S3, MinIO, Ceph, Yandex Object Storage...), used
 * instead of the photo folder when a bucket is named, so that any number of backend nodes share
 * the photos without a network file system.
 *
 * @param bucket     the bucket, which must exist
 * @param endpoint   the store's address; empty: AWS S3 of the region
 * @param region     the region (S3-compatible stores mostly ignore it)
 * @param accessKey  the access key id; empty: the AWS default chain (environment, profile, instance role)
 * @param secretKey  the secret key that goes with it
 * @param pathStyle  {@code https://host/bucket/key} addressing, which most non-AWS stores need
 * @param prefix     a folder inside the bucket for this city's photos (may be empty)
 */
public record ObjectStoreSettings(String bucket, Optional<URI> endpoint, String region, Optional<String> accessKey, String secretKey,
                                  boolean pathStyle, String prefix) {

    public ObjectStoreSettings {
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new ConfigException("PHOTO_S3_BUCKET must be a bucket name (3-63 lower-case letters, digits, dots, dashes)");
        }
        if (accessKey.isPresent() && (secretKey == null || secretKey.isEmpty())) {
            throw new ConfigException("PHOTO_S3_SECRET_KEY is needed with PHOTO_S3_ACCESS_KEY");
        }
        if (prefix == null || !prefix.matches("([a-z0-9-]{1,40}/)?")) {
            throw new ConfigException("PHOTO_S3_PREFIX must be empty or a folder such as 'kazan/'");
        }
        endpoint.ifPresent(uri -> {
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new ConfigException("PHOTO_S3_ENDPOINT must be an http(s) address, not " + uri);
            }
        });
    }

    @Override
    public String toString() {   // never the secret in a log line
        return "ObjectStoreSettings[bucket=" + bucket + ", endpoint=" + endpoint.map(URI::toString).orElse("AWS") + ", region=" + region
                + ", pathStyle=" + pathStyle + ", prefix=" + prefix + "]";
    }
}
