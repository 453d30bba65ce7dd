package org.opencity.backend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.opencity.backend.OpenCity;
import org.opencity.backend.config.LimitSettings;
import org.opencity.backend.config.Settings;
import org.opencity.backend.config.SettingsLoader;
import org.opencity.backend.config.SmsSettings;
import org.opencity.backend.web.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The real backend ({@link OpenCity#start}) on a free port, talking to its own test database,
 * with a clock the test moves, an SMS provider on loopback, and a plain HTTP client: tests
 * exercise real HTTP, real JSON and real SQL.
 */
public final class TestApp implements AutoCloseable {

    /** Where test clocks start: a Wednesday morning in Kazan. */
    public static final Instant START = Instant.parse("2026-11-25T06:00:00Z");

    private final TestDatabase database;
    private final OpenCity app;
    private final MutableClock clock;
    private final SmsInbox sms;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final PushRecorder push;
    private final Settings settings;
    private final boolean ownsDatabase;

    private TestApp(TestDatabase database, OpenCity app, MutableClock clock, SmsInbox sms, PushRecorder push, Settings settings,
                    boolean ownsDatabase) {
        this.database = database;
        this.app = app;
        this.clock = clock;
        this.sms = sms;
        this.push = push;
        this.settings = settings;
        this.ownsDatabase = ownsDatabase;
    }

    /**
     * Another backend instance on the same database (its own server, pool, listeners, sweeper and
     * push sender, with a push provider stand-in of its own), sharing this one's clock: two nodes
     * behind a load balancer, in one JVM. Closing it leaves the database to this one.
     */
    public TestApp secondNode() {
        PushRecorder other = new PushRecorder();
        return new TestApp(database, OpenCity.start(settings, clock, Optional.of(other)), clock, sms, other, settings, false);
    }

    /** Starts the backend on a fresh database, demo-seeded or empty. */
    public static TestApp start(boolean demo) {
        return start(demo, UnaryOperator.identity());
    }

    /** Starts the backend with adjusted settings (limits, for example). */
    public static TestApp start(boolean demo, UnaryOperator<Settings> adjust) {
        return start(demo, adjust, Optional.empty());
    }

    /** Starts the backend with a push gateway of the test's choosing (the FCM gateway over a scripted transport, say). */
    public static TestApp start(boolean demo, UnaryOperator<Settings> adjust, Optional<org.opencity.backend.notify.PushGateway> gateway) {
        return start(demo, Map.of(), adjust, gateway);
    }

    /** Starts the backend with environment variables of the test's choosing (over the tests' own, see {@link #ENVIRONMENT}). */
    public static TestApp start(boolean demo, Map<String, String> env) {
        return start(demo, env, UnaryOperator.identity(), Optional.empty());
    }

    /** The bearer token tests scrape {@code /metrics} with. */
    public static final String METRICS_TOKEN = "test-metrics-token-0123456789";

    /**
     * The environment every test backend starts with: a metrics token to scrape with, and refused
     * credentials not limited (like the other rate limits; the tests of the limits switch them on).
     */
    public static final Map<String, String> ENVIRONMENT = Map.of("METRICS_TOKEN", METRICS_TOKEN,
                                                                 "RATE_LIMIT_REFUSED_CREDENTIALS", "0");

    private static TestApp start(boolean demo, Map<String, String> env, UnaryOperator<Settings> adjust,
                                 Optional<org.opencity.backend.notify.PushGateway> gateway) {
        TestDatabase database = demo ? TestDatabases.createDemo() : TestDatabases.createEmpty();
        SmsInbox sms = new SmsInbox();
        try {
            Map<String, String> environment = new java.util.HashMap<>(ENVIRONMENT);
            environment.putAll(env);
            Settings settings = SettingsLoader.load(environment)
                    .withPort(0)
                    .withDatabase(database.url(), database.user(), database.password())
                    .withDemo(false)   // a demo database is already seeded by its template
                    .withSms(new SmsSettings(Optional.of(sms.url()), "test-sms-key", "OpenCity"))
                    .withLimits(new LimitSettings(0, 0, 0, 0, true, List.of()))
                    .withSweepInterval(Duration.ofDays(1))   // tests sweep when they choose
                    .withDataDir(java.nio.file.Files.createTempDirectory("opencity-test-data"));
            MutableClock clock = new MutableClock(START);
            PushRecorder push = new PushRecorder();
            Settings adjusted = adjust.apply(settings);
            return new TestApp(database, OpenCity.start(adjusted, clock, Optional.of(gateway.orElse(push))), clock, sms, push, adjusted, true);
        } catch (RuntimeException e) {
            sms.close();
            database.close();
            throw e;
        } catch (IOException e) {
            sms.close();
            database.close();
            throw new UncheckedIOException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + app.port() + path);
    }

    public int port() {
        return app.port();
    }

    public TestDatabase database() {
        return database;
    }

    public OpenCity app() {
        return app;
    }

    public MutableClock clock() {
        return clock;
    }

    public SmsInbox sms() {
        return sms;
    }

    /** The push provider stand-in: what the backend pushed, and what it will answer. */
    public PushRecorder push() {
        return push;
    }

    /** The metrics page, scraped as Prometheus would. */
    public HttpResponse<String> metrics() {
        return get("/metrics", "Authorization", "Bearer " + METRICS_TOKEN);
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** GET as a signed-in user. */
    public HttpResponse<String> get(String path, Tokens tokens) {
        return get(path, "Authorization", "Bearer " + tokens.access());
    }

    public HttpResponse<String> post(String path, Object body, String... headers) {
        return json("POST", path, body, headers);
    }

    public HttpResponse<String> post(String path, Object body, Tokens tokens) {
        return json("POST", path, body, "Authorization", "Bearer " + tokens.access());
    }

    public HttpResponse<String> put(String path, Object body, Tokens tokens) {
        return json("PUT", path, body, "Authorization", "Bearer " + tokens.access());
    }

    public HttpResponse<String> patch(String path, Object body, Tokens tokens) {
        return json("PATCH", path, body, "Authorization", "Bearer " + tokens.access());
    }

    public HttpResponse<String> delete(String path, Tokens tokens) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().header("Authorization", "Bearer " + tokens.access())
                            .timeout(Duration.ofSeconds(30)).build());
    }

    /** Any method with a JSON body (a string is sent as is). */
    public HttpResponse<String> json(String method, String path, Object body, String... headers) {
        byte[] bytes = body instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8) : Json.bytes(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build(), Optional.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Sends a request and fails the calling test when the exchange breaks the OpenAPI document ({@link Contract}). */
    public HttpResponse<String> send(HttpRequest request) {
        return send(request, Optional.empty());
    }

    private HttpResponse<String> send(HttpRequest request, Optional<String> body) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            List<String> violations = Contract.get().violations(request, body, response);
            if (!violations.isEmpty()) {
                throw new AssertionError("the exchange breaks the API contract (/openapi):\n  " + String.join("\n  ", violations));
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient http() {
        return http;
    }

    /** A signed-in session's tokens. */
    public record Tokens(String access, String refresh, UUID userId, UUID deviceId) {
    }

    /** A device description for sign-in bodies. */
    public static Map<String, Object> device(UUID id) {
        return Map.of("id", id.toString(), "platform", "ANDROID", "appVersion", "1.0.0", "name", "test phone");
    }

    /** Signs a staff member in (demo password) on a new device; fails the test if it does not work. */
    public Tokens login(String login) {
        return login(login, org.opencity.backend.demo.DemoCity.DEMO_PASSWORD, UUID.randomUUID());
    }

    public Tokens login(String login, String password, UUID deviceId) {
        HttpResponse<String> response = post("/api/v1/auth/login",
                                             Map.of("login", login, "password", password, "device", device(deviceId)));
        return tokens(response);
    }

    private static final java.util.concurrent.atomic.AtomicInteger RESIDENT_IPS = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger RESIDENT_PHONES = new java.util.concurrent.atomic.AtomicInteger();

    /** Signs in a resident with a number of their own (an account made at first sign-in). */
    public Tokens newResident() {
        return signInResident(String.format("+7955%07d", RESIDENT_PHONES.incrementAndGet()));
    }

    /** The published demo authenticator secret of {@code cityadmin} (README). */
    public static final String DEMO_CITY_ADMIN_TOTP = "OPENCITYDEMOKAZANCITYADMIN234567";

    /** The authenticator code for a secret in the next 30-second step (moving the clock, so it is never a replay). */
    public String totpCode(String base32Secret) {
        clock.advance(Duration.ofSeconds(org.opencity.backend.accounts.Totp.STEP_SECONDS));
        long step = clock.instant().getEpochSecond() / org.opencity.backend.accounts.Totp.STEP_SECONDS;
        return org.opencity.backend.accounts.Totp.code(org.opencity.backend.accounts.Base32.decode(base32Secret), step, 6);
    }

    /** Signs the demo city admin in (password and authenticator code). */
    public Tokens loginCityAdmin() {
        return tokens(post("/api/v1/auth/login", Map.of("login", "cityadmin", "password",
                                                        org.opencity.backend.demo.DemoCity.DEMO_PASSWORD,
                                                        "totpCode", totpCode(DEMO_CITY_ADMIN_TOTP),
                                                        "device", device(UUID.randomUUID()))));
    }

    /** Signs a resident in by SMS code on a new device (from an address of its own, so address limits do not add up). */
    public Tokens signInResident(String phone) {
        UUID device = UUID.randomUUID();
        HttpResponse<String> start = post("/api/v1/auth/otp", Map.of("phone", phone), "X-Forwarded-For",
                                          "10.9." + RESIDENT_IPS.incrementAndGet() / 250 % 250 + "." + (RESIDENT_IPS.get() % 250 + 1));
        if (start.statusCode() != 202) {
            throw new AssertionError("code not sent: " + start.statusCode() + " " + start.body());
        }
        String challenge = json(start).get("challengeId").asText();
        return tokens(post("/api/v1/auth/otp/verify", Map.of("challengeId", challenge, "code", sms.lastCode(
                org.opencity.model.Phones.normalise(phone).orElseThrow()), "device", device(device))));
    }

    /** Files a request at a building as this user; fails the test if it is not created. Answers the detail. */
    public JsonNode fileRequest(Tokens who, String category, String buildingId, String description) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("id", org.opencity.model.Ids.newId().toString());
        body.put("categoryCode", category);
        body.put("buildingId", buildingId);
        body.put("description", description);
        body.put("flat", "12");
        HttpResponse<String> response = post("/api/v1/requests", body, who);
        if (response.statusCode() != 201) {
            throw new AssertionError("request not filed: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    /** The tokens of a session response; fails the test if it is not one. */
    public static Tokens tokens(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("not signed in: " + response.statusCode() + " " + response.body());
        }
        JsonNode body = json(response);
        return new Tokens(body.get("accessToken").asText(), body.get("refreshToken").asText(),
                          UUID.fromString(body.get("me").get("id").asText()),
                          UUID.fromString(body.get("me").get("deviceId").asText()));
    }

    /** Parses a response body as JSON. */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** Values of a field across a JSON array. */
    public static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            if (ownsDatabase) {
                sms.close();
                database.close();
            }
        }
    }
}
