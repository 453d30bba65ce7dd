package org.opencity.backend.photos;

import org.opencity.backend.config.ConfigException;
import org.opencity.backend.config.ObjectStoreSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Photos in an S3-compatible object store (AWS SDK for Java v2). An object appears whole or not at
 * all (S3 semantics), which is the atomicity {@link PhotoStore} promises; keys are the same as in
 * the local store, under an optional prefix. Failures of the store surface as unchecked I/O errors,
 * which the upload turns into a retryable 503 for the client.
 */
public final class ObjectPhotoStore implements PhotoStore, AutoCloseable {

    private static final Pattern KEY = Pattern.compile("[a-z0-9-]{8,80}(\\.[a-z]{2,5})?");
    private final S3Client s3;
    private final ObjectStoreSettings settings;

    private ObjectPhotoStore(S3Client s3, ObjectStoreSettings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    /** Connects and checks that the bucket is there and reachable; else a configuration error. */
    public static ObjectPhotoStore open(ObjectStoreSettings settings) {
        AwsCredentialsProvider credentials = settings.accessKey()
                .<AwsCredentialsProvider>map(key -> StaticCredentialsProvider.create(AwsBasicCredentials.create(key, settings.secretKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                // checksums only where S3 requires them: many S3-compatible stores refuse the SDK's newer
                // streaming-checksum uploads; the backend checks every photo's SHA-256 itself anyway
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                                           .socketTimeout(Duration.ofSeconds(30)));
        settings.endpoint().ifPresent(builder::endpointOverride);
        S3Client s3 = builder.build();
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(settings.bucket()).build());
        } catch (SdkException e) {
            s3.close();
            throw new ConfigException("the photo bucket " + settings.bucket() + " (PHOTO_S3_BUCKET) cannot be reached at "
                                      + settings.endpoint().map(Object::toString).orElse("AWS S3") + ": " + e.getMessage());
        }
        return new ObjectPhotoStore(s3, settings);
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        try {
            s3.putObject(PutObjectRequest.builder().bucket(settings.bucket()).key(name(key)).contentType(contentType)
                                 .contentLength((long) content.length).build(), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw new UncheckedIOException("cannot store photo " + key, new java.io.IOException(e.getMessage(), e));
        }
    }

    @Override
    public Optional<InputStream> get(String key) {
        try {
            return Optional.of(s3.getObject(GetObjectRequest.builder().bucket(settings.bucket()).key(name(key)).build()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new UncheckedIOException("cannot read photo " + key, new java.io.IOException(e.getMessage(), e));
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(HeadObjectRequest.builder().bucket(settings.bucket()).key(name(key)).build());
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new UncheckedIOException("cannot look for photo " + key, new java.io.IOException(e.getMessage(), e));
        } catch (SdkException e) {
            throw new UncheckedIOException("cannot look for photo " + key, new java.io.IOException(e.getMessage(), e));
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(DeleteObjectRequest.builder().bucket(settings.bucket()).key(name(key)).build());
        } catch (SdkException e) {
            throw new UncheckedIOException("cannot delete photo " + key, new java.io.IOException(e.getMessage(), e));
        }
    }

    @Override
    public String describe() {
        return "object store bucket " + settings.bucket() + settings.endpoint().map(u -> " at " + u).orElse(" on AWS S3");
    }

    @Override
    public void close() {
        s3.close();
    }

    private String name(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("bad photo key");
        }
        return settings.prefix() + key;
    }
}
