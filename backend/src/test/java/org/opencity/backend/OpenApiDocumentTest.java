package org.opencity.backend;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.RouteRecorder;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document and the registered routes describe exactly the same API. */
@WithApp(demo = false)
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private final TestApp app;

    OpenApiDocumentTest(TestApp app) {
        this.app = app;
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
        RouteRecorder recorder = new RouteRecorder();
        Api.routes(recorder, app.app().services());
        Set<String> registered = new TreeSet<>();
        recorder.routes().stream()
                .filter(r -> !(r.method().equals("*") && r.path().endsWith("/*")))   // the 404 fallback
                .filter(r -> !r.path().startsWith("/dev/"))                           // demo-only pages, not API
                .forEach(r -> registered.add(r.method() + " " + r.path()));

        Set<String> documented = new TreeSet<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/openapi.yaml")) {
            Map<String, Object> doc = new Yaml().load(in);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
            paths.forEach((path, operations) -> operations.keySet().stream()
                    .filter(METHODS::contains)
                    .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        }
        assertThat(registered).isNotEmpty();
        assertThat(documented).isEqualTo(registered);
    }

    @Test
    void theDocumentIsServedAtOpenapi() {
        HttpResponse<String> response = app.get("/openapi", "Accept", "application/yaml");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("openapi: 3").contains("/api/v1/categories");
    }
}
