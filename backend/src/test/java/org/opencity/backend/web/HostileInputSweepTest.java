package org.opencity.backend.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.WithApp;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the served {@code /openapi} document and sends every operation hostile values in every
 * parameter and body field — U+0000, lone surrogates, empty, null, huge strings, out-of-range
 * dates and numbers, wrong JSON types, 10,000-item arrays, empty and {@code null} bodies, other
 * media types — as an anonymous client, a resident, a city dispatcher and the city admin. Every answer must be below
 * 500 and, when it is an error, a problem document ({@code application/problem+json} with type,
 * title and status; Open311 paths answer in their own error format). A route added to the
 * document is swept without anyone remembering to add it here.
 *
 * <p>Bounded in time: each field gets every hostile value from one caller and a rotating sample
 * from the others, live streams are skipped, and calls run four at a time.
 */
@WithApp
class HostileInputSweepTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final String LONE_SURROGATE = "__LONE_SURROGATE__";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Hostile JSON values for a body field. */
    private static final List<Supplier<JsonNode>> FIELD_VALUES = List.of(
            NODES::nullNode,
            () -> NODES.textNode(""),
            () -> NODES.textNode("a\u0000b"),
            () -> NODES.textNode(LONE_SURROGATE),
            () -> NODES.textNode("x".repeat(100_000)),
            () -> NODES.textNode("+999999999-12-31"),
            () -> NODES.textNode("-999999999-01-01T00:00:00Z"),
            () -> NODES.textNode("60"),
            () -> NODES.numberNode(new BigInteger("99999999999999999999")),
            () -> NODES.numberNode(-2_147_483_649L),
            () -> NODES.numberNode(1e308),
            () -> NODES.numberNode(-1),
            () -> NODES.booleanNode(true),
            () -> NODES.arrayNode(),
            () -> NODES.objectNode().put("a", "\u0000"),
            HostileInputSweepTest::tenThousandItems);

    /** Hostile query and path values, already percent-encoded (%ED%A0%80 is a lone surrogate in UTF-8 form). */
    private static final List<String> PARAMETER_VALUES = List.of(
            "%00", "a%00b", "%ED%A0%80", "%FF", "", "x".repeat(2_000), "%2B999999999-12-31", "-999999999-01-01",
            "2026-02-30", "99999999999999999999", "-1", "1e308", "NaN", "%5B%5D", "null");

    /** Whole bodies: [content type, body]. */
    private static final List<String[]> WHOLE_BODIES = List.of(
            new String[]{"application/json", ""},
            new String[]{"application/json", "null"},
            new String[]{"application/json", "[]"},
            new String[]{"application/json", "\"a\\u0000b\""},
            new String[]{"application/json", "{"},
            new String[]{"application/json", "{\"" + "a\\u0000" + "\": 1}"},
            new String[]{"text/plain", "{}"},
            new String[]{"application/x-www-form-urlencoded", "a=b"},
            new String[]{"application/json", tenThousandItems().toString()});

    private final TestApp app;
    private final Map<String, Object> document;
    private final Map<String, String> knownValues = new LinkedHashMap<>();

    HostileInputSweepTest(TestApp app) {
        this.app = app;
        HttpResponse<String> served = app.get("/openapi", "Accept", "application/yaml");
        assertThat(served.statusCode()).isEqualTo(200);
        this.document = new Yaml().load(served.body());
    }

    @Test
    void everyDocumentedOperationAnswersHostileInputWithAProblemAndNeverAServerError() throws Exception {
        long started = System.nanoTime();
        Callers callers = new Callers();
        learnRealValues(callers.cityAdmin(), callers.dispatcher());
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(50);

        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<Caller, Map<Integer, Integer>> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        int calls = 0;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Operation operation : operations) {
                for (Caller caller : Caller.values()) {
                    if (caller != Caller.ANONYMOUS && !operation.secured() && operation.path().startsWith("/open311")) {
                        continue;   // the same anonymous code: once is enough
                    }
                    Optional<String> token = callers.token(caller);
                    boolean primary = caller == (operation.secured() ? Caller.CITY_ADMIN : Caller.ANONYMOUS);
                    List<Case> cases = cases(operation, primary, caller.ordinal());
                    List<Future<Optional<String>>> answers = new ArrayList<>();
                    for (Case c : cases) {
                        answers.add(pool.submit(() -> check(operation, caller, c, token, statuses)));
                    }
                    for (Future<Optional<String>> answer : answers) {
                        answer.get().ifPresent(failures::add);
                    }
                    calls += cases.size();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("hostile-input sweep: %d operations, %d calls, %d s, %d failures%n",
                          operations.size(), calls, took.toSeconds(), failures.size());
        System.out.println("  answers by caller and status: " + statuses);
        failures.stream().sorted().forEach(f -> System.out.println("  " + f));
        for (Caller signedIn : List.of(Caller.RESIDENT, Caller.CITY_DISPATCHER, Caller.CITY_ADMIN)) {
            Map<Integer, Integer> answered = statuses.get(signedIn);
            int all = answered.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(answered.getOrDefault(401, 0)).as("%s stayed signed in through the sweep", signedIn).isLessThan(all / 10);
        }
        assertThat(failures).as("server errors or non-problem answers to hostile input").isEmpty();
    }

    // --- the operations of the document

    record Operation(String method, String path, boolean secured, List<Map<String, Object>> parameters,
                     Optional<String> bodyType, Optional<Map<String, Object>> bodySchema) {
    }

    @SuppressWarnings("unchecked")
    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        List<Operation> last = new ArrayList<>();
        paths.forEach((path, item) -> {
            if (path.endsWith("/stream")) {
                return;   // live event streams never end; their parameters are read before streaming and checked elsewhere
            }
            List<Map<String, Object>> shared = item.get("parameters") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
            item.forEach((method, raw) -> {
                if (!METHODS.contains(method)) {
                    return;
                }
                Map<String, Object> op = (Map<String, Object>) raw;
                List<Map<String, Object>> parameters = new ArrayList<>();
                for (Map<String, Object> p : shared) {
                    parameters.add(resolve(p));
                }
                if (op.get("parameters") instanceof List<?> l) {
                    for (Object p : l) {
                        parameters.add(resolve((Map<String, Object>) p));
                    }
                }
                boolean secured = !(op.get("security") instanceof List<?> s && s.isEmpty());
                Optional<String> bodyType = Optional.empty();
                Optional<Map<String, Object>> bodySchema = Optional.empty();
                if (op.get("requestBody") instanceof Map<?, ?> rb && rb.get("content") instanceof Map<?, ?> content) {
                    Map.Entry<?, ?> first = content.entrySet().iterator().next();
                    bodyType = Optional.of((String) first.getKey());
                    if (first.getValue() instanceof Map<?, ?> media && media.get("schema") instanceof Map<?, ?> schema) {
                        bodySchema = Optional.of(resolve((Map<String, Object>) schema));
                    }
                }
                Operation operation = new Operation(method.toUpperCase(Locale.ROOT), path, secured, parameters, bodyType, bodySchema);
                // what ends the caller's own session runs after everything else
                boolean endsSession = path.endsWith("/logout") || path.contains("/me/devices/") || path.contains("/totp/disable");
                (endsSession ? last : operations).add(operation);
            });
        });
        operations.addAll(last);
        return operations;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Map<String, Object> node) {
        Map<String, Object> current = node;
        for (int i = 0; i < 10 && current.get("$ref") instanceof String ref; i++) {
            Object target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target instanceof Map<?, ?> m ? m.get(part) : null;
            }
            if (!(target instanceof Map<?, ?>)) {
                return Map.of();   // a dangling reference: treated as a body without a schema
            }
            current = (Map<String, Object>) target;
        }
        return current;
    }

    // --- the cases of an operation

    record Case(String description, String path, String query, String contentType, String body) {
    }

    private List<Case> cases(Operation op, boolean primary, int rotation) {
        List<Case> cases = new ArrayList<>();
        Map<String, String> pathValues = new LinkedHashMap<>();
        for (Map<String, Object> p : op.parameters()) {
            if ("path".equals(p.get("in"))) {
                pathValues.put((String) p.get("name"), baselineParameter(p));
            }
        }
        String baseBody = op.bodyType().filter(t -> t.contains("json"))
                .map(t -> op.bodySchema().map(s -> baselineValue(s, "", 0)).orElseGet(HostileInputSweepTest::genericHostileObject).toString())
                .map(b -> b.replace(LONE_SURROGATE, "\\ud800"))
                .orElse(op.bodyType().isPresent() ? "x" : null);
        String baseType = op.bodyType().orElse(null);
        String basePath = fill(op.path(), pathValues);
        cases.add(new Case("baseline", basePath, "", baseType, baseBody));

        int index = 0;
        for (Map<String, Object> p : op.parameters()) {
            String name = (String) p.get("name");
            String in = (String) p.get("in");
            if (!"path".equals(in) && !"query".equals(in)) {
                continue;   // header values cannot carry NUL at all; the HTTP layer refuses them
            }
            for (String value : sample(PARAMETER_VALUES, primary, rotation + index++)) {
                if ("path".equals(in)) {
                    Map<String, String> hostile = new LinkedHashMap<>(pathValues);
                    hostile.put(name, value.isEmpty() ? "%20" : value);
                    cases.add(new Case(name + "=" + abbreviate(value), fill(op.path(), hostile), "", baseType, baseBody));
                } else {
                    cases.add(new Case(name + "=" + abbreviate(value), basePath, name + "=" + value, baseType, baseBody));
                }
            }
        }
        // date parameters often only count in pairs (from and to): every one of them at once, too
        List<String> dates = op.parameters().stream()
                .filter(p -> "query".equals(p.get("in")) && p.get("schema") instanceof Map<?, ?> schema
                        && String.valueOf(schema.get("format")).startsWith("date"))
                .map(p -> (String) p.get("name")).toList();
        if (dates.size() > 1) {
            for (String value : sample(PARAMETER_VALUES, primary, rotation + index++)) {
                String query = String.join("&", dates.stream().map(d -> d + "=" + value).toList());
                cases.add(new Case(String.join("+", dates) + "=" + abbreviate(value), basePath, query, baseType, baseBody));
            }
        }
        if (op.bodyType().filter(t -> t.contains("json")).isPresent()) {
            for (String[] whole : WHOLE_BODIES) {
                cases.add(new Case("body " + whole[0] + " " + abbreviate(whole[1]), basePath, "", whole[0], whole[1]));
            }
            cases.add(new Case("no content type", basePath, "", null, baseBody));
            // every field in a body with all fields, and again in one with only the required ones (optional fields
            // can make a body fail early, before a hostile value reaches the code that would trip over it)
            JsonNode full = op.bodySchema().map(s -> baselineValue(s, "", 0)).orElseGet(HostileInputSweepTest::genericHostileObject);
            JsonNode required = op.bodySchema().map(s -> baselineValue(s, "", 0, true)).orElse(full);
            for (JsonNode base : required.equals(full) ? List.of(full) : List.of(full, required)) {
                String variant = base == full ? "" : " (required fields only)";
                for (String field : fields(base, "")) {
                    for (Supplier<JsonNode> value : sample(FIELD_VALUES, primary, rotation + index++)) {
                        JsonNode hostileValue = value.get();
                        JsonNode body = replace(base.deepCopy(), field, hostileValue);
                        cases.add(new Case(field + "=" + abbreviate(hostileValue.toString()) + variant, basePath, "",
                                           op.bodyType().get(), body.toString().replace(LONE_SURROGATE, "\\ud800")));
                    }
                }
            }
        }
        return cases;
    }

    /** Every value for the primary caller; a rotating quarter for the others. */
    private static <T> List<T> sample(List<T> values, boolean primary, int rotation) {
        if (primary) {
            return values;
        }
        List<T> some = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if ((i + rotation) % 4 == 0) {
                some.add(values.get(i));
            }
        }
        return some;
    }

    private String baselineParameter(Map<String, Object> parameter) {
        String name = (String) parameter.get("name");
        if (knownValues.containsKey(name)) {
            return knownValues.get(name);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = parameter.get("schema") instanceof Map<?, ?> m ? resolve((Map<String, Object>) m) : Map.of();
        return scalar(schema, name);
    }

    private String scalar(Map<String, Object> schema, String name) {
        if (knownValues.containsKey(name)) {
            return knownValues.get(name);
        }
        if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return String.valueOf(values.getFirst());
        }
        String format = String.valueOf(schema.get("format"));
        return switch (format) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date" -> "2026-11-20";
            case "date-time" -> "2026-11-20T10:00:00Z";
            default -> switch (String.valueOf(schema.get("type"))) {
                case "integer", "number" -> "1";
                case "boolean" -> "false";
                default -> schema.get("example") != null ? String.valueOf(schema.get("example")) : "test";
            };
        };
    }

    /** A plausible value for a schema: the known value of a field of that name, else one made from its type. */
    @SuppressWarnings("unchecked")
    private JsonNode baselineValue(Map<String, Object> raw, String name, int depth) {
        return baselineValue(raw, name, depth, false);
    }

    /** As above; with {@code requiredOnly}, objects carry only their required properties (all of them if none is marked). */
    private JsonNode baselineValue(Map<String, Object> raw, String name, int depth, boolean requiredOnly) {
        Map<String, Object> schema = resolve(raw);
        if (depth > 4) {
            return NODES.nullNode();
        }
        if (schema.get("allOf") instanceof List<?> all) {
            ObjectNode merged = NODES.objectNode();
            for (Object part : all) {
                if (baselineValue((Map<String, Object>) part, name, depth + 1, requiredOnly) instanceof ObjectNode o) {
                    merged.setAll(o);
                }
            }
            return merged;
        }
        for (String alternative : List.of("oneOf", "anyOf")) {
            if (schema.get(alternative) instanceof List<?> options && !options.isEmpty()) {
                return baselineValue((Map<String, Object>) options.getFirst(), name, depth + 1, requiredOnly);
            }
        }
        String type = String.valueOf(schema.get("type"));
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            ObjectNode object = NODES.objectNode();
            List<?> required = schema.get("required") instanceof List<?> r && requiredOnly ? r : List.copyOf(properties.keySet());
            properties.forEach((key, value) -> {
                if (required.contains(key)) {
                    object.set((String) key, baselineValue((Map<String, Object>) value, (String) key, depth + 1, requiredOnly));
                }
            });
            return object;
        }
        return switch (type) {
            case "object" -> NODES.objectNode();
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (schema.get("items") instanceof Map<?, ?> items) {
                    array.add(baselineValue((Map<String, Object>) items, name, depth + 1, requiredOnly));
                }
                yield array;
            }
            case "integer" -> NODES.numberNode(schema.get("minimum") instanceof Number n ? n.longValue() : 1);
            case "number" -> NODES.numberNode(schema.get("minimum") instanceof Number n ? n.doubleValue() : 55.79);
            case "boolean" -> NODES.booleanNode(false);
            default -> NODES.textNode(scalar(schema, name));
        };
    }

    /** The paths of every field of a body, nested objects and first array items included. */
    private static List<String> fields(JsonNode node, String prefix) {
        List<String> fields = new ArrayList<>();
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                fields.add(path);
                fields.addAll(fields(object.get(name), path));
            }
        } else if (node instanceof ArrayNode array && !array.isEmpty() && array.get(0).isContainerNode()) {
            fields.addAll(fields(array.get(0), prefix + ".0"));
        }
        return fields;
    }

    private static JsonNode replace(JsonNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent instanceof ArrayNode a ? a.get(Integer.parseInt(parts[i])) : parent.get(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return root;
    }

    private static JsonNode genericHostileObject() {
        ObjectNode object = NODES.objectNode();
        object.put("text", "a\u0000b");
        object.put("surrogate", LONE_SURROGATE);
        object.put("date", "+999999999-12-31");
        object.set("list", tenThousandItems());
        return object;
    }

    private static ArrayNode tenThousandItems() {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < 10_000; i++) {
            array.add("x");
        }
        return array;
    }

    private static String fill(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getValue());
        }
        return path;
    }

    private static String abbreviate(String value) {
        String shown = value.replace("\u0000", "\\u0000");
        return shown.length() > 40 ? shown.substring(0, 20) + "…(" + shown.length() + ")" : shown;
    }

    /** Real ids from the demo city, so hostile values reach past "not found". */
    private void learnRealValues(String adminToken, String dispatcherToken) {
        String id = EdgeInputTest.fileARequest(app);
        JsonNode request = TestApp.json(app.get("/api/v1/requests/" + id, "Authorization", "Bearer " + dispatcherToken)).path("summary");
        assertThat(request.path("id").asText()).as("a request the dispatcher sees").isEqualTo(id);
        knownValues.put("requestId", id);
        knownValues.put("number", request.path("number").asText());
        JsonNode categories = TestApp.json(app.get("/api/v1/categories"));
        knownValues.put("categoryCode", categories.path(0).path("code").asText("test"));
        JsonNode organisations = TestApp.json(app.get("/api/v1/admin/organisations", "Authorization", "Bearer " + adminToken));
        knownValues.put("organisationId", organisations.path(0).path("id").asText(UUID.randomUUID().toString()));
        knownValues.put("format", "json");
        knownValues.put("date", "2026-12-31");
        knownValues.put("lang", "en");
    }

    // --- calling and judging

    enum Caller { ANONYMOUS, RESIDENT, CITY_DISPATCHER, CITY_ADMIN }

    /** Signed-in callers, signed in again when a swept route ended their session. */
    private final class Callers {
        private String resident;
        private String cityAdmin;
        private String dispatcher;

        Optional<String> token(Caller caller) {
            return switch (caller) {
                case ANONYMOUS -> Optional.empty();
                case RESIDENT -> Optional.of(resident());
                case CITY_DISPATCHER -> Optional.of(dispatcher());
                case CITY_ADMIN -> Optional.of(cityAdmin());
            };
        }

        String dispatcher() {
            if (dispatcher == null || !alive(dispatcher)) {
                dispatcher = app.login("citydispatcher").access();
            }
            return dispatcher;
        }

        String resident() {
            if (resident == null || !alive(resident)) {
                resident = app.newResident().access();
            }
            return resident;
        }

        String cityAdmin() {
            if (cityAdmin == null || !alive(cityAdmin)) {
                cityAdmin = app.loginCityAdmin().access();
            }
            return cityAdmin;
        }

        private boolean alive(String token) {
            return app.get("/api/v1/me", "Authorization", "Bearer " + token).statusCode() == 200;
        }
    }

    private Optional<String> check(Operation op, Caller caller, Case c, Optional<String> token,
                                   Map<Caller, Map<Integer, Integer>> statuses) {
        String label = op.method() + " " + op.path() + " [" + caller.name().toLowerCase(Locale.ROOT) + "] " + c.description();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.uri("").toString() + c.path()
                                                                               + (c.query().isEmpty() ? "" : "?" + c.query())))
                .timeout(Duration.ofSeconds(10));
        HttpRequest.BodyPublisher body = c.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(c.body().getBytes(StandardCharsets.UTF_8));
        request.method(op.method(), body);
        if (c.contentType() != null && c.body() != null) {
            request.header("Content-Type", c.contentType());
        }
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response;
        try {
            response = sendOnceMore(request.build());
        } catch (IOException e) {
            return Optional.of(label + " -> the answer broke off twice: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(label + " -> interrupted");
        } catch (IllegalArgumentException e) {
            return Optional.empty();   // not sendable as HTTP at all (the client refuses it)
        }
        int status = response.statusCode();
        statuses.computeIfAbsent(caller, k -> new java.util.concurrent.ConcurrentSkipListMap<>()).merge(status, 1, Integer::sum);
        if (status >= 500) {
            return Optional.of(label + " -> " + status + " " + abbreviate(response.body()));
        }
        if (status < 400) {
            return Optional.empty();
        }
        return problemDocument(op, response) ? Optional.empty()
                : Optional.of(label + " -> " + status + " not a problem document: "
                                      + response.headers().firstValue("Content-Type").orElse("(no type)") + " "
                                      + abbreviate(response.body()));
    }

    /**
     * Sends, and once more if the connection broke: a server that refuses a large body early may
     * close while the client still writes it, which a loaded machine turns into a lost answer now
     * and then. An answer that breaks off for the input itself (a stream cut by a server error)
     * breaks off again and is reported.
     */
    private HttpResponse<String> sendOnceMore(HttpRequest request) throws IOException, InterruptedException {
        try {
            return app.http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException first) {
            return app.http().send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static boolean problemDocument(Operation op, HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        String body = response.body();
        if (op.path().startsWith("/open311")) {
            return body.contains("<errors>") || body.contains("\"description\"");   // the GeoReport error format
        }
        if (!type.startsWith("application/problem+json")) {
            return false;
        }
        try {
            JsonNode problem = Json.mapper().readTree(body);
            return problem.path("type").isTextual() && problem.path("title").isTextual()
                    && problem.path("status").asInt() == response.statusCode();
        } catch (IOException e) {
            return false;
        }
    }
}
