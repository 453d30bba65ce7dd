package org.opencity.backend;

import io.helidon.http.media.MediaContext;
import io.helidon.http.media.jackson.JacksonSupport;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import org.opencity.backend.accounts.PasswordHasher;
import org.opencity.backend.catalogue.CatalogueRepository;
import org.opencity.backend.catalogue.CatalogueService;
import org.opencity.backend.config.Settings;
import org.opencity.backend.db.Database;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.demo.DemoCity;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.observe.DatabaseHealthCheck;
import org.opencity.backend.observe.HttpMetrics;
import org.opencity.backend.observe.Metrics;
import org.opencity.backend.web.AccessLog;
import org.opencity.backend.web.Json;
import org.opencity.backend.web.ProblemResponses;
import org.opencity.backend.web.RequestIds;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.logging.Logger;

/**
 * The running backend: builds the whole object graph with plain constructors, in one place
 * (settings → metrics → database → services → routing → server), and takes it down in reverse
 * order. {@link #routes} is the single list of HTTP routes; tests reuse it.
 */
public final class OpenCity implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OpenCity.class.getName());

    private final Settings settings;
    private final Metrics metrics;
    private final Database database;
    private final WebServer server;

    private OpenCity(Settings settings, Metrics metrics, Database database, WebServer server) {
        this.settings = settings;
        this.metrics = metrics;
        this.database = database;
        this.server = server;
    }

    /** The services behind the routes; one field per HTTP resource. */
    public record Services(CatalogueService catalogue, Metrics metrics) {
    }

    public static OpenCity start(Settings settings) {
        long started = System.nanoTime();
        ensurePortFree(settings);
        Metrics metrics = new Metrics();
        Database database = Database.open(settings, metrics.registry());
        try {
            Transactions tx = new Transactions(database.client());
            PasswordHasher hasher = new PasswordHasher(PasswordHasher.Params.OWASP,
                                                       Math.max(2, Runtime.getRuntime().availableProcessors()));
            if (settings.demo()) {
                new DemoCity(tx, hasher).seed();
            }
            Services services = new Services(new CatalogueService(new CatalogueRepository(database.client())), metrics);
            WebServer server = WebServer.builder()
                    .config(settings.server())
                    .port(settings.port())
                    .shutdownHook(false)
                    .featuresDiscoverServices(false)
                    .mediaContext(MediaContext.builder()
                                          .mediaSupportsDiscoverServices(false)
                                          .addMediaSupport(JacksonSupport.create(Json.mapper()))
                                          .build())
                    .directHandlers(DirectHandlers.builder()
                                            .addHandler(io.helidon.http.DirectHandler.EventType.BAD_REQUEST,
                                                        ProblemResponses.directHandler())
                                            .addHandler(io.helidon.http.DirectHandler.EventType.PAYLOAD_TOO_LARGE,
                                                        ProblemResponses.directHandler())
                                            .addHandler(io.helidon.http.DirectHandler.EventType.INTERNAL_ERROR,
                                                        ProblemResponses.directHandler())
                                            .addHandler(io.helidon.http.DirectHandler.EventType.OTHER,
                                                        ProblemResponses.directHandler())
                                            .build())
                    .addFeature(ObserveFeature.builder()
                                        .addObserver(HealthObserver.builder()
                                                             .details(true)
                                                             .useSystemServices(false)
                                                             .addCheck(new DatabaseHealthCheck(database.dataSource(),
                                                                                               database.label()))
                                                             .build())
                                        .build())
                    .addFeature(OpenApiFeature.builder().build())
                    .addFeature(StaticContentFeature.builder()
                                        .addClasspath(cp -> cp.location("web").welcome("index.html").context("/"))
                                        .build())
                    .routing(routing -> routing(routing, services))
                    .build()
                    .start();
            if (!server.isRunning()) {
                throw new StartupException("cannot listen on port " + settings.port() + "; set PORT to a free port");
            }
            OpenCity app = new OpenCity(settings, metrics, database, server);
            LOG.info("Open City is up on http://localhost:" + server.port() + " in "
                             + (System.nanoTime() - started) / 1_000_000 + " ms (demo " + (settings.demo() ? "on" : "off") + ")");
            return app;
        } catch (RuntimeException e) {
            database.close();
            metrics.close();
            throw e;
        }
    }

    /** Filters, error mapping and every route. */
    static void routing(HttpRouting.Builder routing, Services services) {
        routing.addFilter(new RequestIds())
                .addFilter(new AccessLog())
                .addFilter(new HttpMetrics(services.metrics().registry()))
                .error(Throwable.class, ProblemResponses::handle);
        routes(routing, services);
    }

    /** The API's routes. Every one of them must be in {@code META-INF/openapi.yaml} (a test checks). */
    public static void routes(HttpRules rules, Services services) {
        rules.register("/api/v1", services.catalogue())
                .register("/metrics", services.metrics())
                .any("/api/*", (req, res) -> {
                    throw new NotFound("no API resource at " + req.path().path());
                });
    }

    public int port() {
        return server.port();
    }

    public Database database() {
        return database;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Stops in reverse order of start: stop accepting and let in-flight requests finish (the
     * server's grace period), then close the pool, then stop the embedded database.
     */
    @Override
    public void close() {
        LOG.info("Open City is stopping");
        try {
            server.stop();
        } finally {
            try {
                database.close();
            } finally {
                metrics.close();
            }
        }
        LOG.info("Open City stopped");
    }

    private static void ensurePortFree(Settings settings) {
        if (settings.port() == 0) {
            return;
        }
        String host = settings.server().get("host").asString().orElse("0.0.0.0");
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, settings.port()));
        } catch (IOException e) {
            throw new StartupException("port " + settings.port() + " on " + host + " is already in use (" + e.getMessage()
                                               + "); stop what uses it or set PORT");
        }
    }
}
