package org.opencity.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.Contract;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document is valid for a real OpenAPI parser, in the YAML we keep and in the JSON
 * form the server makes of it, and every operation carries what client generators need.
 */
@WithApp(demo = false)
class OpenApiValidityTest {

    private final TestApp app;

    OpenApiValidityTest(TestApp app) {
        this.app = app;
    }

    static SwaggerParseResult parse(String text) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(text, null, options);
    }

    static String document() throws IOException {
        try (InputStream in = OpenApiValidityTest.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theYamlDocumentParsesWithoutErrorsOrWarnings() throws IOException {
        SwaggerParseResult result = parse(document());
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void theServedJsonIsJsonAndParses() throws IOException {
        HttpResponse<String> response = app.get("/openapi", "Accept", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tree = new ObjectMapper().readTree(response.body());
        assertThat(tree.path("paths").size()).isGreaterThan(50);
        SwaggerParseResult result = parse(response.body());
        assertThat(result.getMessages()).isEmpty();
    }

    @Test
    void everyOperationHasAUniqueOperationIdASummaryAndItsProblems() throws IOException {
        OpenAPI api = parse(document()).getOpenAPI();
        Map<String, String> ids = new HashMap<>();
        List<String> defects = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String where = method + " " + path;
            if (op.getOperationId() == null || op.getOperationId().isBlank()) {
                defects.add(where + ": no operationId");
            } else if (ids.put(op.getOperationId(), where) != null) {
                defects.add(where + ": operationId " + op.getOperationId() + " also on " + ids.get(op.getOperationId()));
            }
            if (op.getSummary() == null || op.getSummary().isBlank()) {
                defects.add(where + ": no summary");
            }
            if (!documentsAProblem(op)) {
                defects.add(where + ": no 4xx or default problem response");
            }
        }));
        assertThat(defects).isEmpty();
    }

    @Test
    void theMainRequestBodiesHaveExamplesThatMatchTheirSchemas() {
        assertThat(Contract.get().exampleCount()).isGreaterThanOrEqualTo(6);
        assertThat(Contract.get().exampleViolations()).isEmpty();
    }

    private static boolean documentsAProblem(Operation op) {
        return op.getResponses().keySet().stream().anyMatch(code -> code.startsWith("4") || code.equals("default"));
    }
}
