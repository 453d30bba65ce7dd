package org.opencity.backend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API as {@code /META-INF/openapi.yaml} describes it, used to check what the tests exchange
 * with the server: every answer's status must be documented for its operation, its content type
 * must be one the document names, and its JSON body must match the schema (OpenAPI 3.0 dialect,
 * so {@code nullable} counts). A JSON request body the server accepted (2xx) must match the
 * operation's request schema too. Paths the document does not describe (pages, the 404
 * fallback) are not checked.
 */
public final class Contract {

    private static final String ID = "https://opencity.invalid/openapi.json";
    private static final Pattern PARAM = Pattern.compile("\\{[^}/]+}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile Contract instance;

    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private record Operation(String method, String template, Pattern pattern, int params, JsonNode node) {
    }

    private Contract(JsonNode document) throws IOException {
        this.document = document;
        String text = JSON.writeValueAsString(document);
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), builder -> builder.schemas(Map.of(ID, text)));
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            Pattern pattern = Pattern.compile(toRegex(path.getKey()));
            int params = (int) PARAM.matcher(path.getKey()).results().count();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), pattern, params, op.getValue()));
            }
        }
        operations.sort(Comparator.comparingInt(Operation::params));   // literal segments win over parameters
    }

    /** The document the server serves, read once per test JVM. */
    public static Contract get() {
        if (instance == null) {
            synchronized (Contract.class) {
                if (instance == null) {
                    try (InputStream in = Contract.class.getResourceAsStream("/META-INF/openapi.yaml")) {
                        instance = new Contract(new YAMLMapper().readTree(in));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return instance;
    }

    /** Everything in this exchange that the document does not allow; empty when it conforms. */
    public List<String> violations(HttpRequest request, Optional<String> requestBody, HttpResponse<String> response) {
        String path = request.uri().getRawPath();
        Optional<Operation> found = operations.stream()
                .filter(op -> op.method().equals(request.method()) && op.pattern().matcher(path).matches())
                .findFirst();
        if (found.isEmpty()) {
            return List.of();
        }
        Operation op = found.get();
        String where = op.method() + " " + op.template() + " answered " + response.statusCode();
        List<String> problems = new ArrayList<>();
        JsonNode responses = op.node().path("responses");
        String code = String.valueOf(response.statusCode());
        JsonNode answer = responses.has(code) ? responses.get(code) : responses.path("default");
        if (answer.isMissingNode()) {
            problems.add(where + ": status not documented (documented: " + fieldNames(responses) + ")");
            return problems;
        }
        answer = resolve(answer);
        String contentType = response.headers().firstValue("Content-Type").map(Contract::mediaType).orElse("");
        JsonNode content = answer.path("content");
        if (!response.body().isEmpty() && !content.isMissingNode() && !content.has(contentType)) {
            problems.add(where + ": content type '" + contentType + "' not documented (documented: " + fieldNames(content) + ")");
        } else if (isJson(contentType) && !response.body().isEmpty() && content.path(contentType).has("schema")) {
            check(content.path(contentType).path("schema"), response.body(), where + ": body", problems);
        }
        boolean accepted = response.statusCode() >= 200 && response.statusCode() < 300;
        JsonNode requestSchema = resolve(op.node().path("requestBody")).path("content").path("application/json").path("schema");
        String requestType = request.headers().firstValue("Content-Type").map(Contract::mediaType).orElse("");
        if (accepted && requestBody.isPresent() && isJson(requestType) && !requestSchema.isMissingNode()) {
            check(requestSchema, requestBody.get(), op.method() + " " + op.template() + ": accepted request body", problems);
        }
        return problems;
    }

    /** Every request-body example in the document that does not match its own schema. */
    public List<String> exampleViolations() {
        List<String> problems = new ArrayList<>();
        for (Operation op : operations) {
            JsonNode media = resolve(op.node().path("requestBody")).path("content").path("application/json");
            for (Iterator<Map.Entry<String, JsonNode>> examples = media.path("examples").fields(); examples.hasNext(); ) {
                Map.Entry<String, JsonNode> example = examples.next();
                check(media.path("schema"), example.getValue().path("value").toString(),
                      op.method() + " " + op.template() + " example '" + example.getKey() + "'", problems);
            }
        }
        return problems;
    }

    /** How many request-body examples the document has. */
    public long exampleCount() {
        return operations.stream()
                .mapToLong(op -> resolve(op.node().path("requestBody")).path("content").path("application/json").path("examples").size())
                .sum();
    }

    private void check(JsonNode schemaNode, String body, String what, List<String> problems) {
        Schema schema = schemas.computeIfAbsent(schemaNode.toString(), text ->
                registry.getSchema(text.replace("\"#/components/", "\"" + ID + "#/components/"), InputFormat.JSON));
        try {
            schema.validate(body, InputFormat.JSON).forEach(error -> problems.add(what + " " + error.getInstanceLocation() + ": "
                                                                                  + error.getMessage()));
        } catch (RuntimeException e) {
            problems.add(what + " is not JSON: " + e.getMessage());
        }
    }

    private JsonNode resolve(JsonNode node) {
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            return document.at(ref.substring(1));
        }
        return node;
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static String mediaType(String header) {
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String toRegex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAM.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("[^/]+");
            last = m.end();
        }
        return regex.append(Pattern.quote(template.substring(last))).toString();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
