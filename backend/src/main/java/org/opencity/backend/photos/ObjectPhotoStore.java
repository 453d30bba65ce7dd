package org.opencity.backend.photos;

import org.opencity.backend.config.ConfigException;
import org.opencity.backend.config.ObjectStoreSettings;
import org.opencity.backend.errors.Unavailable;
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
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Photos in an S3-compatible object store (AWS SDK for Java v2). An object appears whole or not at
 * all (S3 semantics), which is the atomicity {@link PhotoStore} promises; keys are the same as in
 * the local store, under an optional prefix. When the store fails to answer, the client gets a
 * retryable 503 problem and the cause goes to the log.
 */
public final class ObjectPhotoStore implements PhotoStore, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ObjectPhotoStore.class.getName());
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
            throw unavailable("cannot store photo " + key, e);
        }
    }

    @Override
    public Optional<InputStream> get(String key) {
        try {
            return Optional.of(s3.getObject(GetObjectRequest.builder().bucket(settings.bucket()).key(name(key)).build()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw unavailable("cannot read photo " + key, e);
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
            throw unavailable("cannot look for photo " + key, e);
        } catch (SdkException e) {
            throw unavailable("cannot look for photo " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(DeleteObjectRequest.builder().bucket(settings.bucket()).key(name(key)).build());
        } catch (SdkException e) {
            throw unavailable("cannot delete photo " + key, e);
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

    /** The store did not answer as it should: a retryable 503 for the client, the cause in the log. */
    private static Unavailable unavailable(String what, Exception cause) {
        LOG.log(Level.WARNING, what + ": " + cause.getMessage());
        return new Unavailable("the photo store is not available; try again shortly");
    }

    private String name(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("bad photo key");
        }
        return settings.prefix() + key;
    }
}
