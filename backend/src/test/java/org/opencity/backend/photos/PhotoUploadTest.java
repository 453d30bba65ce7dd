package org.opencity.backend.photos;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.TestImages;
import org.opencity.backend.testing.WithApp;
import org.opencity.model.Ids;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/** Photos arrive in resumable chunks, are checked, and are served safely to those who may see them. */
@WithApp
class PhotoUploadTest {

    private final TestApp app;

    PhotoUploadTest(TestApp app) {
        this.app = app;
    }

    @Test
    void aPhotoArrivesInChunksAndIsServedAsAnExifFreeDisplayCopyAndThumbnail() throws Exception {
        TestApp.Tokens resident = app.newResident();
        byte[] original = TestImages.jpegWithExif(2400, 1600);
        String photo = announce(resident, original);
        assertThat(status(resident, photo).get("received").asLong()).isZero();
        int chunk = 64 * 1024;
        for (int offset = 0; offset < original.length; offset += chunk) {
            HttpResponse<String> r = put(resident, photo, offset, Arrays.copyOfRange(original, offset, Math.min(original.length, offset + chunk)));
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(status(resident, photo).get("stored").asBoolean()).isTrue();

        HttpResponse<byte[]> display = bytes("/api/v1/photos/" + photo + "/display", resident);
        assertThat(display.statusCode()).isEqualTo(200);
        assertThat(display.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(display.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(display.body()));
        assertThat(Math.max(shown.getWidth(), shown.getHeight())).isEqualTo(1600);
        assertThat(new String(display.body(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif").doesNotContain("GPSLatitude");
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(bytes("/api/v1/photos/" + photo + "/thumbnail", resident).body()));
        assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isEqualTo(320);
        assertThat(app.database().count("SELECT count(*) FROM photo_chunk WHERE photo_id = '" + photo + "'")).isZero();
    }

    @Test
    void theOriginalIsKeptAsEvidenceForStaffOnly() {
        TestApp.Tokens resident = app.newResident();
        byte[] original = TestImages.png(300, 200);
        String photo = announce(resident, original);
        put(resident, photo, 0, original);
        assertThat(bytes("/api/v1/photos/" + photo + "/original", resident).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> evidence = bytes("/api/v1/photos/" + photo + "/original", app.login("dispatcher"));
        assertThat(evidence.statusCode()).isEqualTo(200);
        assertThat(evidence.body()).isEqualTo(original);
        assertThat(evidence.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        assertThat(bytes("/api/v1/photos/" + photo + "/display", app.login("sovetsky.dispatcher")).statusCode()).isEqualTo(404);
    }

    @Test
    void anUploadCutAtEveryChunkBoundaryCompletesWithoutResendingWhatArrived() {
        TestApp.Tokens resident = app.newResident();
        byte[] original = TestImages.jpeg(1200, 900);
        String photo = announce(resident, original);
        int chunk = Math.max(1, original.length / 5);
        long sent = 0;
        while (true) {
            JsonNode s = status(resident, photo);   // after every cut the client asks where to go on
            long from = s.get("received").asLong();
            if (s.get("stored").asBoolean()) {
                break;
            }
            byte[] piece = Arrays.copyOfRange(original, (int) from, (int) Math.min(original.length, from + chunk));
            put(resident, photo, from, piece);
            sent += piece.length;
        }
        assertThat(sent).isEqualTo(original.length);
        // a chunk sent twice (its answer was lost) changes nothing
        assertThat(put(resident, photo, 0, Arrays.copyOfRange(original, 0, chunk)).statusCode()).isEqualTo(200);
        assertThat(status(resident, photo).get("stored").asBoolean()).isTrue();
        assertThat(put(resident, photo, original.length + 10, new byte[] {1}).statusCode()).isEqualTo(200);
    }

    @Test
    void aGapInTheOffsetsIsRefusedWithWhereToContinue() {
        TestApp.Tokens resident = app.newResident();
        byte[] original = TestImages.jpeg(640, 480);
        String photo = announce(resident, original);
        put(resident, photo, 0, Arrays.copyOfRange(original, 0, 1000));
        HttpResponse<String> gap = put(resident, photo, 5000, Arrays.copyOfRange(original, 5000, 6000));
        assertThat(gap.statusCode()).isEqualTo(409);
        assertThat(TestApp.json(gap).get("detail").asText()).contains("1000");
        assertThat(put(resident, photo, 0, original).statusCode()).as("the rest, resent from the start").isEqualTo(200);
        assertThat(status(resident, photo).get("stored").asBoolean()).isTrue();
    }

    @Test
    void badPhotosAreRefusedWithAClearReasonAndLeaveNothingBehind() {
        TestApp.Tokens resident = app.newResident();
        byte[] good = TestImages.jpeg(800, 600);
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        Map<String, byte[]> bad = Map.of(
                "not a JPEG or PNG", TestImages.svgNamedJpg(),
                "damaged", TestImages.malformedJpeg(),
                "megapixels", TestImages.pixelFloodPng(30_000, 30_000),
                "truncated", truncated);
        bad.forEach((expected, content) -> {
            String photo = announce(resident, content);
            HttpResponse<String> refused = put(resident, photo, 0, content);
            assertThat(refused.statusCode()).as(expected).isEqualTo(400);
            assertThat(TestApp.json(refused).get("errors").get(0).get("message").asText()).as(expected)
                    .containsAnyOf(expected, "JPEG and PNG", "truncated or damaged", "cannot be read");
            assertLeftNothing(photo);
            assertThat(status(resident, photo).get("rejected").asText()).isNotBlank();
        });
        // wrong hash: the bytes are not the photo that was announced
        String photo = announce(resident, good, TestImages.sha256(TestImages.jpeg(10, 10)));
        HttpResponse<String> wrong = put(resident, photo, 0, good);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(wrong).get("errors").get(0).get("message").asText()).contains("SHA-256");
        assertLeftNothing(photo);
        // more bytes than announced
        String small = announce(resident, Arrays.copyOf(good, 100), TestImages.sha256(Arrays.copyOf(good, 100)));
        assertThat(put(resident, small, 0, good).statusCode()).isEqualTo(400);
        // a photo announced bigger than the limit is refused at once
        Map<String, Object> body = request(List.of(Map.of("id", UUID.randomUUID().toString(), "kind", "REPORT",
                                                          "sha256", "b".repeat(64), "size", 16L * 1024 * 1024)));
        assertThat(app.post("/api/v1/requests", body, resident).statusCode()).isEqualTo(400);
    }

    @Test
    void aPhotoTheDeviceNeverFinishesIsGivenUpOnceItsSessionCouldNoLongerSendItAndEveryPhoneHears() {
        TestApp.Tokens resident = app.newResident();
        byte[] original = TestImages.jpeg(1200, 900);
        byte[] kept = TestImages.jpeg(640, 480);
        String photo = UUID.randomUUID().toString();
        String arrived = UUID.randomUUID().toString();
        HttpResponse<String> created = app.post("/api/v1/requests", request(List.of(
                Map.of("id", photo, "kind", "REPORT", "sha256", TestImages.sha256(original), "size", original.length),
                Map.of("id", arrived, "kind", "REPORT", "sha256", TestImages.sha256(kept), "size", kept.length))), resident);
        String request = TestApp.json(created).get("summary").get("id").asText();
        assertThat(put(resident, photo, 0, Arrays.copyOf(original, 1000)).statusCode()).isEqualTo(200);
        assertThat(put(resident, arrived, 0, kept).statusCode()).isEqualTo(200);
        assertThat(TestApp.json(app.get("/api/v1/requests/" + request, resident)).get("evidencePending").asBoolean()).isTrue();
        String feed = "SELECT count(*) FROM sync_change WHERE user_id = '" + resident.userId() + "' AND request_id = '" + request + "'";
        long feedBefore = app.database().count(feed);

        PhotoUploads uploads = app.app().services().photos().uploads();
        assertThat(uploads.abandonOlderThan(java.time.Duration.ofDays(60))).as("not yet: the device may still come back").isZero();
        app.clock().advance(java.time.Duration.ofDays(61));
        assertThat(uploads.abandonOlderThan(java.time.Duration.ofDays(60))).as("this one, and any other test's unfinished ones").isPositive();

        assertLeftNothing(photo);
        JsonNode detail = TestApp.json(app.get("/api/v1/requests/" + request, app.login("dispatcher")));
        assertThat(detail.get("evidencePending").asBoolean()).as("the request no longer waits").isFalse();
        JsonNode given = null;
        for (JsonNode p : detail.get("photos")) {
            if (p.get("id").asText().equals(photo)) {
                given = p;
            } else {
                assertThat(p.get("stored").asBoolean()).as("the photo that arrived stays").isTrue();
            }
        }
        assertThat(given).isNotNull();
        assertThat(given.get("refused").asText()).contains("never arrived");
        assertThat(app.database().count(feed)).as("the reporter's phone hears of it on its next pull").isEqualTo(feedBefore + 1);
    }

    @Test
    void aChunkLargerThanOneMebibyteIsRefused() {
        TestApp.Tokens resident = app.newResident();
        byte[] big = new byte[1024 * 1024 + 1];
        String photo = announce(resident, big, TestImages.sha256(big));
        assertThat(put(resident, photo, 0, big).statusCode()).isEqualTo(400);
    }

    private void assertLeftNothing(String photo) {
        assertThat(app.database().count("SELECT count(*) FROM photo_chunk WHERE photo_id = '" + photo + "'")).isZero();
        assertThat(app.database().count("SELECT count(*) FROM request_photo WHERE id = '" + photo + "' AND stored_at IS NOT NULL")).isZero();
        try (var files = Files.walk(app.app().settings().photos())) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(photo)).toList()).isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String announce(TestApp.Tokens who, byte[] content) {
        return announce(who, content, TestImages.sha256(content));
    }

    private String announce(TestApp.Tokens who, byte[] content, String sha) {
        String photo = UUID.randomUUID().toString();
        HttpResponse<String> created = app.post("/api/v1/requests", request(List.of(Map.of("id", photo, "kind", "REPORT", "sha256", sha,
                                                                                              "size", content.length))), who);
        assertThat(created.statusCode()).isEqualTo(201);
        return photo;
    }

    private Map<String, Object> request(List<Map<String, Object>> photos) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", Ids.newId().toString());
        body.put("categoryCode", "yard");
        body.put("description", "Broken bench, see the photo");
        body.put("buildingId", app.database().client().execute().query(
                "SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' LIMIT 1")
                .findFirst().orElseThrow().column("id").get().toString());
        body.put("photos", photos);
        return body;
    }

    private JsonNode status(TestApp.Tokens who, String photo) {
        return TestApp.json(app.get("/api/v1/photos/" + photo + "/upload", who));
    }

    private HttpResponse<String> put(TestApp.Tokens who, String photo, long offset, byte[] bytes) {
        return app.send(HttpRequest.newBuilder(app.uri("/api/v1/photos/" + photo + "/upload?offset=" + offset))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                                .header("Content-Type", "application/octet-stream")
                                .header("Authorization", "Bearer " + who.access()).build());
    }

    private HttpResponse<byte[]> bytes(String path, TestApp.Tokens who) {
        try {
            return app.http().send(HttpRequest.newBuilder(app.uri(path)).header("Authorization", "Bearer " + who.access()).build(),
                                   HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
