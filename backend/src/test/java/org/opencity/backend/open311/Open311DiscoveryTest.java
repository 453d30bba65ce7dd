package org.opencity.backend.open311;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery tells clients where we are as they reach us — through the TLS proxy, at the configured
 * public address — and a changeset that moves when the catalogue does.
 */
@WithApp
class Open311DiscoveryTest {

    private final TestApp app;

    Open311DiscoveryTest(TestApp app) {
        this.app = app;
    }

    @Test
    void behindATrustedTlsProxyDiscoveryAdvertisesHttpsAndTheForwardedHost() {
        // the test app trusts forwarded headers, as a node behind the city's balancer does
        JsonNode behindProxy = TestApp.json(app.get("/open311/v2/discovery.json", "X-Forwarded-Proto", "https",
                                                    "X-Forwarded-Host", "open311.kzn.example"));
        assertThat(behindProxy.get("endpoints").get(0).get("url").asText()).isEqualTo("https://open311.kzn.example/open311/v2");
        String direct = TestApp.json(app.get("/open311/v2/discovery.json")).get("endpoints").get(0).get("url").asText();
        assertThat(direct).isEqualTo("http://localhost:" + app.port() + "/open311/v2");
        JsonNode forged = TestApp.json(app.get("/open311/v2/discovery.json", "X-Forwarded-Host", "evil.example/<script>"));
        assertThat(forged.get("endpoints").get(0).get("url").asText()).as("not a host name: ignored").isEqualTo(direct);
    }

    @Test
    void aConfiguredPublicUrlIsAdvertisedWhateverTheRequestSays() {
        try (TestApp configured = TestApp.start(true, s -> s.withPublicUrl(Optional.of(URI.create("https://open311.kazan.example"))))) {
            JsonNode discovery = TestApp.json(configured.get("/open311/v2/discovery.json", "X-Forwarded-Proto", "http",
                                                             "X-Forwarded-Host", "internal.node"));
            assertThat(discovery.get("endpoints").get(0).get("url").asText()).isEqualTo("https://open311.kazan.example/open311/v2");
        }
    }

    @Test
    void theChangesetMovesWhenTheCatalogueChanges() throws InterruptedException {
        Instant before = changeset();
        assertThat(before).isAfterOrEqualTo(Open311Catalogue.DEFINITIONS_CHANGED);
        Thread.sleep(1100);   // the changeset is written to the second
        app.database().execute("UPDATE service_category SET active = active WHERE code = 'snow'");
        assertThat(changeset()).isAfter(before);
    }

    private Instant changeset() {
        JsonNode discovery = TestApp.json(app.get("/open311/v2/discovery.json"));
        Instant top = OffsetDateTime.parse(discovery.get("changeset").asText()).toInstant();
        assertThat(discovery.get("endpoints").get(0).get("changeset").asText()).isEqualTo(discovery.get("changeset").asText());
        return top;
    }
}
