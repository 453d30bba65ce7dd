package org.opencity.mobile.sync;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.TestImages;
import org.opencity.backend.testing.WithApp;
import org.opencity.model.Ids;
import org.opencity.model.request.NewRequest;
import org.opencity.model.request.PhotoKind;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The phones' HTTP transport (HttpURLConnection) against the real backend: sync, uploads, refusals, refresh and the live stream. */
@WithApp
class UrlConnectionTransportTest {

    private final TestApp app;

    UrlConnectionTransportTest(TestApp app) {
        this.app = app;
    }

    @Test
    void aReportWithPhotosIsPushedUploadedAndPulledBack(@TempDir Path folder) throws Exception {
        TestApp.Tokens resident = app.newResident();
        SyncClient client = new SyncClient(new DurableStore(folder), new UrlConnectionTransport(app.uri("/")), Clock.systemUTC(),
                                           new Random(3));
        client.signedIn(resident.access(), resident.refresh());
        UUID report = Ids.newId();
        byte[] photo = TestImages.jpeg(1600, 1200);
        client.fileRequest(newRequest(report), List.of(new SyncClient.LocalPhoto(UUID.randomUUID(), PhotoKind.REPORT, photo,
                                                                                 app.clock().instant(), null)));
        client.syncOnce();
        client.syncOnce();

        assertThat(app.database().count("SELECT count(*) FROM request WHERE id = '" + report + "'")).isEqualTo(1);
        assertThat(app.database().count("SELECT count(*) FROM request_photo WHERE request_id = '" + report + "' AND stored_at IS NOT NULL"))
                .isEqualTo(1);
        assertThat(client.status().pendingOps()).isZero();
        assertThat(client.status().pendingPhotos()).isZero();
        assertThat(client.requests()).anySatisfy(r -> assertThat(r.summary().id()).isEqualTo(report));
    }

    @Test
    void aRefusalComesWithTheServersProblemAndAnExpiredAccessTokenIsRefreshed() throws Exception {
        TestApp.Tokens resident = app.newResident();
        Transport transport = new UrlConnectionTransport(app.uri("/"));

        Transport.Reply missing = transport.exchange(new Transport.Call("GET", "/api/v1/requests/" + UUID.randomUUID(),
                                                                        Map.of("Authorization", "Bearer " + resident.access()), null));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("\"status\"");
        assertThat(missing.header("content-type")).contains("json");

        Transport.Reply refused = transport.exchange(new Transport.Call("POST", "/api/v1/auth/refresh", Map.of("Content-Type",
                "application/json"), "{\"refreshToken\":\"not-a-token\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(refused.status()).isEqualTo(401);

        SyncClient client = new SyncClient(new DurableStore(java.nio.file.Files.createTempDirectory("url-transport")), transport,
                                           Clock.systemUTC(), new Random(4));
        client.signedIn("expired-access-token", resident.refresh());
        Transport.Reply me = client.authorized("GET", "/api/v1/me", null);
        assertThat(me.status()).as("refreshed over the same transport, then answered").isEqualTo(200);
    }

    @Test
    void theLiveStreamDeliversANotificationAndClosingDoesNotBlock() throws Exception {
        TestApp.Tokens resident = app.newResident();
        Transport.Stream stream = new UrlConnectionTransport(app.uri("/")).open(new Transport.Call(
                "GET", "/api/v1/me/notifications/stream", Map.of("Authorization", "Bearer " + resident.access(), "Accept",
                                                                  "text/event-stream"), null));
        assertThat(stream.status()).isEqualTo(200);
        CompletableFuture<String> event = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = stream.readLine(); line != null; line = stream.readLine()) {
                    if (line.startsWith("data:") && line.contains("REQUEST_ACCEPTED")) {
                        return line;
                    }
                }
                return "ended";
            } catch (java.io.IOException e) {
                return "failed: " + e.getMessage();
            }
        });
        String id = app.fileRequest(resident, "plumbing", building(), "Heard over HttpURLConnection").get("summary").get("id").asText();
        assertThat(app.post("/api/v1/requests/" + id + "/actions", Map.of("action", "ACCEPT"), app.login("vakhitovsky.dispatcher"))
                           .statusCode()).isEqualTo(200);
        assertThat(event.get(20, TimeUnit.SECONDS)).contains(id);

        long start = System.nanoTime();
        stream.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("close returns at once").isLessThan(Duration.ofSeconds(2));
        assertThat(stream.readLine()).as("a closed stream ends").isNull();
    }

    private String building() {
        return app.database().client().execute()
                .query("SELECT b.id FROM building b JOIN district d ON d.id = b.district_id WHERE d.code = 'vakhitovsky' LIMIT 1")
                .findFirst().orElseThrow().column(1).get().toString();
    }

    private NewRequest newRequest(UUID id) {
        return new NewRequest(id, "plumbing", "Water leaking, sent over HttpURLConnection", null, UUID.fromString(building()), null, null,
                              "3", null, null, null, null, null, List.of());
    }
}
