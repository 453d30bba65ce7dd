package org.opencity.mobile;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.opencity.model.ServiceCategoryView;
import org.opencity.model.SlaStage;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithApp
class BackendClientTest {

    private final TestApp backend;

    BackendClientTest(TestApp backend) {
        this.backend = backend;
    }

    @Test
    void theCatalogueComesFromTheBackendInTheAskedLanguage() throws Exception {
        List<ServiceCategoryView> categories = new BackendClient(backend.uri("/")).categories("en");
        assertThat(categories).hasSize(15);
        assertThat(categories.getFirst().name()).isEqualTo("Water leak or burst pipe");
        assertThat(categories.getFirst().slaMinutes()).containsKeys(SlaStage.ACCEPT, SlaStage.START);
    }

    @Test
    void anUnreachableBackendIsReportedNotThrownAsACrash() {
        BackendClient client = new BackendClient(URI.create("http://127.0.0.1:1/"));
        assertThatThrownBy(() -> client.categories("ru")).isInstanceOf(BackendException.class)
                .hasMessageContaining("cannot reach");
    }
}
