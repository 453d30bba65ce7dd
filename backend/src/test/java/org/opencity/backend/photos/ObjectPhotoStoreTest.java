package org.opencity.backend.photos;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencity.backend.config.ConfigException;
import org.opencity.backend.config.ObjectStoreSettings;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.TestImages;
import org.opencity.model.Ids;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Photos in an S3-compatible object store: the store against a real S3 server (S3Proxy, started
 * in this JVM on an in-memory blob store, speaking the S3 protocol over HTTP with signed requests),
 * and a whole backend keeping its photos there.
 */
class ObjectPhotoStoreTest {

    private static final String ACCESS = "opencity-test";
    private static final String SECRET = "opencity-test-secret";
    private static S3Proxy server;
    private static URI endpoint;

    @BeforeAll
    static void startS3() throws Exception {
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient").credentials(ACCESS, SECRET).build(BlobStoreContext.class);
        server = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        server.start();
        for (int i = 0; i < 100 && !"STARTED".equals(server.getState()); i++) {
            Thread.sleep(50);
        }
        endpoint = URI.create("http://127.0.0.1:" + server.getPort());
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket("photos"));
            s3.createBucket(b -> b.bucket("city-photos"));
        }
    }

    @AfterAll
    static void stopS3() throws Exception {
        server.stop();
    }

    @Test
    void filesGoInWholeComeBackAndGoAwayUnderThePrefix() throws Exception {
        try (ObjectPhotoStore store = ObjectPhotoStore.open(settings("photos", "kazan/"))) {
            byte[] content = TestImages.jpeg(200, 100);
            store.put("0a1b2c3d-original.jpg", content, "image/jpeg");
            assertThat(store.exists("0a1b2c3d-original.jpg")).isTrue();
            try (InputStream in = store.get("0a1b2c3d-original.jpg").orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
            try (S3Client s3 = client()) {
                assertThat(s3.listObjectsV2(b -> b.bucket("photos")).contents()).extracting(S3Object::key)
                        .contains("kazan/0a1b2c3d-original.jpg");
            }
            store.delete("0a1b2c3d-original.jpg");
            assertThat(store.exists("0a1b2c3d-original.jpg")).isFalse();
            assertThat(store.get("0a1b2c3d-original.jpg")).isEmpty();
            assertThat(store.get("ffffffff-never-stored.jpg")).isEmpty();
            assertThatThrownBy(() -> store.put("../../etc/passwd", content, "image/jpeg")).isInstanceOf(IllegalArgumentException.class);
            assertThat(store.describe()).contains("photos").contains(endpoint.toString()).doesNotContain(SECRET);
        }
    }

    @Test
    void aBucketThatIsNotThereOrAWrongSecretStopsTheStartWithOneClearLine() {
        assertThatThrownBy(() -> ObjectPhotoStore.open(settings("no-such-bucket", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no-such-bucket").hasMessageContaining("PHOTO_S3_BUCKET");
        ObjectStoreSettings wrong = new ObjectStoreSettings("photos", Optional.of(endpoint), "us-east-1", Optional.of(ACCESS),
                                                            "not-the-secret", true, "");
        assertThatThrownBy(() -> ObjectPhotoStore.open(wrong)).isInstanceOf(ConfigException.class);
        assertThat(wrong.toString()).doesNotContain("not-the-secret");
    }

    @Test
    void aBackendKeepsItsPhotosInTheBucketAndServesThemFromThere() {
        try (TestApp app = TestApp.start(true, s -> s.withPhotoStore(settings("city-photos", "")))) {
            TestApp.Tokens resident = app.newResident();
            byte[] original = TestImages.jpeg(1200, 900);
            String photo = UUID.randomUUID().toString();
            Map<String, Object> body = new HashMap<>();
            body.put("id", Ids.newId().toString());
            body.put("categoryCode", "yard");
            body.put("description", "Broken bench, see the photo");
            body.put("buildingId", app.database().client().execute().query("SELECT id FROM building ORDER BY id LIMIT 1")
                    .findFirst().orElseThrow().column(1).get().toString());
            body.put("photos", List.of(Map.of("id", photo, "kind", "REPORT", "sha256", TestImages.sha256(original), "size", original.length)));
            assertThat(app.post("/api/v1/requests", body, resident).statusCode()).isEqualTo(201);
            HttpResponse<String> put = app.send(HttpRequest.newBuilder(app.uri("/api/v1/photos/" + photo + "/upload?offset=0"))
                                                        .PUT(HttpRequest.BodyPublishers.ofByteArray(original))
                                                        .header("Content-Type", "application/octet-stream")
                                                        .header("Authorization", "Bearer " + resident.access()).build());
            assertThat(put.statusCode()).isEqualTo(200);

            try (S3Client s3 = client()) {
                List<String> keys = s3.listObjectsV2(b -> b.bucket("city-photos")).contents().stream().map(S3Object::key).toList();
                assertThat(keys).as("original, display copy and thumbnail").hasSize(3).allMatch(k -> k.startsWith(photo.substring(0, 8)));
            }
            assertThat(app.get("/api/v1/photos/" + photo + "/display", resident).statusCode()).isEqualTo(200);
            assertThat(app.get("/api/v1/photos/" + photo + "/thumbnail", resident).statusCode()).isEqualTo(200);

            try (S3Client s3 = client()) {   // the store loses its data (or its bucket): a retryable 503, not an internal error
                s3.listObjectsV2(b -> b.bucket("city-photos")).contents().forEach(o -> s3.deleteObject(d -> d.bucket("city-photos").key(o.key())));
                s3.deleteBucket(b -> b.bucket("city-photos"));
            }
            HttpResponse<String> gone = app.get("/api/v1/photos/" + photo + "/display", resident);
            assertThat(gone.statusCode()).isEqualTo(503);
            assertThat(gone.body()).doesNotContain("NoSuchBucket").doesNotContain("at software.amazon");
        }
    }

    private static ObjectStoreSettings settings(String bucket, String prefix) {
        return new ObjectStoreSettings(bucket, Optional.of(endpoint), "us-east-1", Optional.of(ACCESS), SECRET, true, prefix);
    }

    private static S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
