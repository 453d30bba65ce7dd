package org.opencity.backend.open311;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencity.backend.open311.Open311Client.text;
import static org.opencity.backend.open311.Open311Client.xml;

/** HTTP as clients and browsers expect it: HEAD on every readable resource, 405 with Allow, CORS on public reads. */
@WithApp
class Open311MethodsTest {

    private final TestApp app;

    Open311MethodsTest(TestApp app) {
        this.app = app;
    }

    @Test
    void headAnswersEveryReadableResourceWithoutABody() {
        for (String resource : new String[] {"discovery.xml", "services.json", "services/plumbing.xml", "requests.json",
                                             "servicerequestupdates.xml"}) {
            HttpResponse<String> head = send("HEAD", resource);
            assertThat(head.statusCode()).as(resource).isEqualTo(200);
            assertThat(head.body()).as(resource).isEmpty();
            assertThat(head.headers().firstValue("Content-Type").orElseThrow()).as(resource).startsWith(
                    resource.endsWith(".xml") ? "text/xml" : "application/json");
        }
        assertThat(send("HEAD", "requests/KZN-2026-999999.json").statusCode()).isEqualTo(404);
        assertThat(send("HEAD", "requests.json").headers().firstValue("X-Total-Count")).isPresent();
    }

    @Test
    void anotherMethodOnAResourceWeHaveIs405WithAllow() {
        HttpResponse<String> delete = send("DELETE", "requests.json");
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).contains("GET, HEAD, POST");
        assertThat(TestApp.json(delete).get(0).get("code").asInt()).isEqualTo(405);
        HttpResponse<String> put = send("PUT", "services/plumbing.xml");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(text(xml(put).getDocumentElement(), "code")).isEqualTo("405");
        assertThat(send("POST", "discovery.json").statusCode()).isEqualTo(405);
        assertThat(send("DELETE", "nothing-here.json").statusCode()).as("not a resource of ours").isEqualTo(404);
    }

    @Test
    void publicReadsMayBeMadeFromAnyOriginWithoutAKey() {
        HttpResponse<String> anyOrigin = app.get("/open311/v2/services.json", "Origin", "https://civic-app.example");
        assertThat(anyOrigin.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(anyOrigin.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("X-Total-Count");
        HttpResponse<String> withKey = app.get("/open311/v2/services.json?api_key=ock_" + "x".repeat(43), "Origin",
                                               "https://civic-app.example");
        assertThat(withKey.headers().firstValue("Access-Control-Allow-Origin")).as("keys only from configured origins").isEmpty();
        assertThat(app.get("/open311/v2/services.json").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> send(String method, String resource) {
        return app.send(HttpRequest.newBuilder(app.uri(Open311Client.BASE + resource)).timeout(Duration.ofSeconds(30))
                                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }
}
