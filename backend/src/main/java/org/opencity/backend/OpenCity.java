package org.opencity.backend;

import io.helidon.dbclient.DbClient;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.media.MediaContext;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import org.opencity.backend.accounts.AuthService;
import org.opencity.backend.accounts.DevSmsGateway;
import org.opencity.backend.accounts.DevSmsService;
import org.opencity.backend.accounts.Devices;
import org.opencity.backend.accounts.HttpSmsGateway;
import org.opencity.backend.accounts.LiveSessions;
import org.opencity.backend.accounts.MeService;
import org.opencity.backend.accounts.OtpSignIn;
import org.opencity.backend.accounts.PasswordHasher;
import org.opencity.backend.accounts.PasswordSignIn;
import org.opencity.backend.accounts.SecurityEvents;
import org.opencity.backend.accounts.CsrfTokens;
import org.opencity.backend.accounts.Sessions;
import org.opencity.backend.accounts.SignInThrottle;
import org.opencity.backend.accounts.SmsGateway;
import org.opencity.backend.accounts.TwoFactor;
import org.opencity.backend.admin.AdminService;
import org.opencity.backend.admin.CalendarService;
import org.opencity.backend.admin.Organisations;
import org.opencity.backend.admin.SecurityLog;
import org.opencity.backend.admin.SlaService;
import org.opencity.backend.admin.Slas;
import org.opencity.backend.admin.Users;
import org.opencity.backend.admin.WorkingCalendar;
import org.opencity.backend.catalogue.CatalogueRepository;
import org.opencity.backend.catalogue.CatalogueService;
import org.opencity.backend.catalogue.Directory;
import org.opencity.backend.catalogue.DirectoryService;
import org.opencity.backend.db.Rows;
import org.opencity.backend.deadlines.Calendars;
import org.opencity.backend.feedback.Feedback;
import org.opencity.backend.feedback.FeedbackService;
import org.opencity.backend.integrations.ApiClients;
import org.opencity.backend.integrations.IntegrationsService;
import org.opencity.backend.requests.DeadlineSweeper;
import org.opencity.backend.requests.Followers;
import org.opencity.backend.requests.Intake;
import org.opencity.backend.requests.PublicService;
import org.opencity.backend.requests.PublicStatus;
import org.opencity.backend.requests.RequestActions;
import org.opencity.backend.requests.BoardSignals;
import org.opencity.backend.requests.StatusTally;
import org.opencity.backend.requests.BoardStream;
import org.opencity.backend.requests.RequestListener;
import org.opencity.backend.requests.RequestNumbers;
import org.opencity.backend.requests.RequestQueries;
import org.opencity.backend.requests.RequestsService;
import org.opencity.backend.reports.PublicRatings;
import org.opencity.backend.reports.ReportDrillDown;
import org.opencity.backend.reports.Reports;
import org.opencity.backend.reports.ReportsService;
import org.opencity.backend.reports.RequestExport;
import org.opencity.backend.reports.SavedReports;
import org.opencity.backend.reports.StageFacts;
import org.opencity.backend.photos.LocalPhotoStore;
import org.opencity.backend.photos.ObjectPhotoStore;
import org.opencity.backend.photos.PhotoProcessor;
import org.opencity.backend.photos.PhotoStore;
import org.opencity.backend.photos.PhotoUploads;
import org.opencity.backend.photos.PhotosService;
import org.opencity.backend.sync.SyncFeed;
import org.opencity.backend.notify.Inbox;
import org.opencity.backend.notify.LiveNotifications;
import org.opencity.backend.notify.NotificationsService;
import org.opencity.backend.notify.Notifier;
import org.opencity.backend.notify.PushFailures;
import org.opencity.backend.notify.PushGateway;
import org.opencity.backend.notify.PushGateways;
import org.opencity.backend.notify.PushSender;
import org.opencity.backend.notify.PushTokens;
import org.opencity.backend.notify.StreamGuard;
import org.opencity.backend.open311.Open311Address;
import org.opencity.backend.open311.Open311Errors;
import org.opencity.backend.open311.Open311Service;
import org.opencity.backend.sync.SyncHttpService;
import org.opencity.backend.sync.SyncService;
import org.opencity.model.Platform;
import org.opencity.backend.config.AuthSettings;
import org.opencity.backend.config.GuardSettings;
import org.opencity.backend.config.LimitSettings;
import org.opencity.backend.config.Settings;
import org.opencity.backend.db.Database;
import org.opencity.backend.db.Signals;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.demo.DemoCity;
import org.opencity.backend.demo.DemoHistory;
import org.opencity.backend.observe.DatabaseHealthCheck;
import org.opencity.backend.observe.HttpMetrics;
import org.opencity.backend.observe.Metrics;
import org.opencity.backend.web.AccessControl;
import org.opencity.backend.web.AccessLog;
import org.opencity.backend.web.Authentication;
import org.opencity.backend.web.ClientAddress;
import org.opencity.backend.web.EdgeInput;
import org.opencity.backend.web.JsonBodies;
import org.opencity.backend.web.ProblemResponses;
import org.opencity.backend.web.RateLimiter;
import org.opencity.backend.web.RateLimits;
import org.opencity.backend.web.RequestIds;
import org.opencity.backend.web.SecurityHeaders;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The running backend: builds the whole object graph with plain constructors, in one place
 * (settings → metrics → database → services → routing → server), and takes it down in reverse
 * order. {@link Api} holds the routes and who may call them.
 */
public final class OpenCity implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OpenCity.class.getName());

    private final Settings settings;
    private final Metrics metrics;
    private final Database database;
    private final WebServer server;
    private final ScheduledExecutorService scheduler;
    private final Api.Services services;
    private final DeadlineSweeper sweeper;
    private final Notifications notifications;

    /**
     * What delivers notifications: the gateway, the signal sender, the live-stream hubs, the push
     * sender (when pushes can go anywhere).
     */
    private record Notifications(PushGateway gateway, Signals signals, LiveNotifications live, LiveNotifications board,
                                 Optional<PushSender> sender) implements AutoCloseable {
        @Override
        public void close() {
            sender.ifPresent(PushSender::close);
            signals.close();
            live.close();
            board.close();
            if (gateway instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warning("closing the push gateway: " + e.getMessage());
                }
            }
        }
    }

    private OpenCity(Settings settings, Metrics metrics, Database database, WebServer server,
                     ScheduledExecutorService scheduler, Api.Services services, DeadlineSweeper sweeper, Notifications notifications) {
        this.settings = settings;
        this.metrics = metrics;
        this.database = database;
        this.server = server;
        this.scheduler = scheduler;
        this.services = services;
        this.sweeper = sweeper;
        this.notifications = notifications;
    }

    public static OpenCity start(Settings settings) {
        return start(settings, Clock.systemUTC());
    }

    /** Starts with a given clock: everything time-dependent (tokens, codes, limits) reads it. */
    public static OpenCity start(Settings settings, Clock clock) {
        return start(settings, clock, Optional.empty());
    }

    /**
     * Starts with a given clock and, when given, a push gateway in place of the configured ones
     * (tests put a scripted one behind the same port).
     */
    public static OpenCity start(Settings settings, Clock clock, Optional<PushGateway> gatewayOverride) {
        long started = System.nanoTime();
        ensurePortFree(settings);
        Metrics metrics = new Metrics(settings.guards().metricsToken());
        Database database = Database.open(settings, metrics.registry());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("opencity-scheduler-", 0).factory());
        List<AutoCloseable> opened = new java.util.ArrayList<>();
        try {
            PhotoStore photoStore = settings.photoStore().<PhotoStore>map(ObjectPhotoStore::open)
                    .orElseGet(() -> LocalPhotoStore.open(settings.photos()));
            if (photoStore instanceof AutoCloseable c) {
                opened.add(c);
            }
            PushGateway gateway = gatewayOverride.isPresent() ? gatewayOverride.get() : PushGateways.configured(settings.push(), clock);
            if (gateway instanceof AutoCloseable c) {
                opened.add(c);
            }
            LiveNotifications live = new LiveNotifications(database::dedicatedConnection);
            opened.add(live);
            LiveNotifications boardSignals = new LiveNotifications(database::dedicatedConnection, BoardSignals.CHANNEL);
            opened.add(boardSignals);
            DbClient db = database.client();
            Transactions tx = new Transactions(db);
            AuthSettings auth = settings.auth();
            PasswordHasher hasher = new PasswordHasher(PasswordHasher.Params.OWASP, auth.hashingConcurrency());
            if (settings.demo()) {
                warnDemo(settings);
                new DemoCity(tx, hasher).seed();
            }
            SecurityEvents events = new SecurityEvents(db, clock);
            Sessions sessions = new Sessions(db, tx, auth, clock, events, CsrfTokens.load(db));
            TwoFactor twoFactor = new TwoFactor(tx, auth, clock, events);
            SignInThrottle throttle = new SignInThrottle(db, tx, clock, auth.loginMaxFailures(), auth.loginLockout());
            Optional<DevSmsGateway> devSms = settings.sms().url().isEmpty() && devPagesAllowed(settings)
                    ? Optional.of(new DevSmsGateway(clock)) : Optional.empty();
            SmsGateway sms = smsGateway(settings, devSms);
            Devices devices = new Devices(db);
            Calendars calendars = new Calendars(db, clock);
            RequestNumbers numbers = new RequestNumbers(db);
            if (settings.demo()) {
                new DemoHistory(tx, calendars, clock).seed(numbers, db);
            }
            Signals signals = new Signals(tx, db);
            opened.add(signals);
            Inbox inbox = new Inbox(db, signals, clock, gateway.providers());
            List<RequestListener> listeners = List.of(new SyncFeed(), new Notifier(inbox), new BoardSignals(signals), new StageFacts());
            RequestActions actions = new RequestActions(tx, calendars, clock, listeners);
            Intake intake = new Intake(tx, numbers, actions, calendars, clock);
            RequestQueries queries = new RequestQueries(db, calendars, clock);
            DeadlineSweeper sweeper = new DeadlineSweeper(tx, actions, clock, listeners);
            ApiClients apiClients = new ApiClients(db, clock);
            SyncService sync = new SyncService(db, tx, intake, actions, queries, inbox, clock);
            PushTokens pushTokens = new PushTokens(db, tx, clock);
            PhotoUploads uploads = new PhotoUploads(tx, photoStore, new PhotoProcessor(), queries, clock);
            java.util.function.Function<java.util.UUID, Optional<Platform>> platforms = deviceId -> db.execute()
                    .createGet("SELECT platform FROM device WHERE id = :id").addParam("id", deviceId).execute()
                    .map(r -> Platform.valueOf(Rows.string(r, "platform")));
            Reports reports = new Reports(tx, calendars, clock);
            StreamGuard streams = new StreamGuard(new LiveSessions(db, clock)::live, settings.guards().streamsPerUser(),
                                                  settings.guards().streamHeartbeat());
            Api.Services services = new Api.Services(
                    new CatalogueService(new CatalogueRepository(db)),
                    new DirectoryService(new Directory(db)),
                    new RequestsService(intake, actions, queries, platforms::apply, new Followers(db, clock),
                                         new BoardStream(boardSignals, streams)),
                    new PublicService(new PublicStatus(db, clock), uploads,
                                      RateLimiter.perMinute(settings.guards().statusLookupsPerMinute(),
                                                            settings.guards().statusLookupsBurst(), clock),
                                      settings.contacts()),
                    new IntegrationsService(apiClients, intake, queries),
                    new PhotosService(uploads),
                    new SyncHttpService(sync, platforms),
                    new AuthService(new OtpSignIn(tx, sessions, sms, auth, clock, events),
                                    new PasswordSignIn(tx, sessions, hasher, twoFactor, throttle, clock, events), sessions, clock),
                    new MeService(db, sessions, twoFactor, devices, events),
                    new NotificationsService(inbox, pushTokens, live, platforms::apply, clock, streams),
                    new PushFailures(db),
                    new AdminService(new Users(db, tx, hasher, sessions, throttle, events, clock), new Organisations(db, tx, clock),
                                     devices, sessions, new SecurityLog(db), events),
                    new SlaService(new Slas(db, tx, events)),
                    new CalendarService(new WorkingCalendar(db, tx, calendars, events, clock)),
                    new FeedbackService(new Feedback(db, clock)),
                    new Open311Service(db, tx, intake, actions, apiClients,
                                       new RateLimiter(settings.limits().perUserPerSecond(), settings.limits().perUserBurst(), clock),
                                       new Open311Address(settings.publicUrl(), settings.limits().trustForwardedFor()),
                                       settings.limits().corsOrigins(), uploads, queries, clock),
                    new ReportsService(reports, new SavedReports(db, clock), queries,
                                       new RequestExport(database.dataSource()), new PublicRatings(db, calendars, clock),
                                       new ReportDrillDown(db, calendars, clock)),
                    devSms.map(DevSmsService::new),
                    metrics);
            Filters filters = new Filters(settings.limits(), settings.guards(), clock, sessions, apiClients, events);
            WebServer server = WebServer.builder()
                    .config(settings.server())
                    .port(settings.port())
                    .shutdownHook(false)
                    .featuresDiscoverServices(false)
                    .mediaContext(MediaContext.builder()
                                          .mediaSupportsDiscoverServices(false)
                                          .addMediaSupport(new JsonBodies())
                                          .build())
                    .directHandlers(directHandlers())
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
                                        .addClasspath(cp -> cp.location("META-INF/resources/webjars").context("/webjars"))
                                        .build())
                    .routing(routing -> routing(routing, services, filters))
                    .build()
                    .start();
            if (!server.isRunning()) {
                throw new StartupException("cannot listen on port " + settings.port() + "; set PORT to a free port");
            }
            Optional<PushSender> sender = gateway.providers().isEmpty() ? Optional.empty()
                    : Optional.of(new PushSender(tx, gateway, clock, new java.security.SecureRandom()).start(Duration.ofMillis(500)));
            sender.ifPresent(opened::add);
            scheduler.scheduleWithFixedDelay(() -> purge(sessions, throttle, sync, uploads, auth.sessionMax(), pushTokens, inbox), 1, 10,
                                             TimeUnit.MINUTES);
            io.micrometer.core.instrument.Timer sweeps = io.micrometer.core.instrument.Timer.builder("opencity.deadline.sweep")
                    .description("one pass of the deadline sweep over every queue").register(metrics.registry());
            scheduler.scheduleWithFixedDelay(() -> sweeps.record(() -> sweep(sweeper)), 5, settings.sweepInterval().toMillis(),
                                             TimeUnit.MILLISECONDS);
            StatusTally tally = new StatusTally(db);
            scheduler.scheduleWithFixedDelay(() -> fold(tally, reports), 1, 2, TimeUnit.SECONDS);
            OpenCity app = new OpenCity(settings, metrics, database, server, scheduler, services, sweeper,
                                        new Notifications(gateway, signals, live, boardSignals, sender));
            LOG.info("Open City is up on http://localhost:" + server.port() + " in "
                             + (System.nanoTime() - started) / 1_000_000 + " ms (demo " + (settings.demo() ? "on" : "off")
                             + ", photos in " + photoStore.describe() + ", deadline sweep every " + settings.sweepInterval() + ")");
            return app;
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            for (AutoCloseable c : opened.reversed()) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            database.close();
            metrics.close();
            throw e;
        }
    }

    /** The request filters, in the order they run. */
    record Filters(LimitSettings limits, GuardSettings guards, Clock clock, Sessions sessions, ApiClients apiClients,
                   SecurityEvents events) {
        void install(HttpRouting.Builder routing, Metrics metrics) {
            routing.addFilter(new RequestIds())
                    .addFilter(new AccessLog())
                    .addFilter(new HttpMetrics(metrics.registry()))
                    .addFilter(new ClientAddress(limits.trustForwardedFor()))
                    .addFilter(new SecurityHeaders(limits.corsOrigins()))
                    // every request counts against its address before its input or credentials are judged
                    .addFilter(RateLimits.perAddress(new RateLimiter(limits.perIpPerSecond(), limits.perIpBurst(), clock)))
                    .addFilter(new EdgeInput())
                    .addFilter(new Authentication(sessions, apiClients,
                                                  RateLimiter.perMinute(guards.refusedPerMinute(), guards.refusedBurst(), clock)))
                    .addFilter(RateLimits.perUser(new RateLimiter(limits.perUserPerSecond(), limits.perUserBurst(), clock)))
                    .addFilter(new AccessControl(Api.policy(), events));
        }
    }

    /** Filters, error mapping and every route. */
    static void routing(HttpRouting.Builder routing, Api.Services services, Filters filters) {
        filters.install(routing, services.metrics());
        // Open311 clients expect the GeoReport error format on its paths; everything else gets problem documents
        routing.error(Throwable.class, (req, res, error) -> {
            if (Open311Errors.owns(req)) {
                Open311Errors.handle(req, res, error);
            } else {
                ProblemResponses.handle(req, res, error);
            }
        });
        // the API reference is a page of the web view, not an API route (a folder web/openapi would
        // make the static files answer for /openapi itself)
        routing.get("/openapi/ui", (req, res) -> res.status(Status.MOVED_PERMANENTLY_301)
                .header(HeaderNames.LOCATION, "/openapi-ui.html").send());
        Api.routes(routing, services);
    }

    /**
     * {@code /dev/sms} shows every resident's sign-in code to whoever asks: only in demo mode, and
     * only on a loopback address unless the operator asked for demo mode explicitly.
     */
    static boolean devPagesAllowed(Settings settings) {
        return settings.demo() && (settings.listensOnLoopback() || settings.demoMode() == Settings.DemoMode.ASKED);
    }

    /** Demo mode in a log line nobody can miss: it publishes sign-in codes and opens known staff passwords. */
    private static void warnDemo(Settings settings) {
        String rule = "*".repeat(78);
        String reach = settings.listensOnLoopback()
                ? "The server listens on " + settings.host() + " only: nobody on another machine can reach it."
                : "The server listens on " + settings.host() + ": ANYONE WHO CAN REACH IT can read sign-in codes and sign in as staff.";
        LOG.warning(String.join(System.lineSeparator(), "", rule,
                                "DEMO MODE (" + (settings.demoMode() == Settings.DemoMode.ASKED ? "DEMO=true" : "DEMO=auto, loopback HOST")
                                        + "): the demo city is seeded, every demo staff account's password is public,",
                                "and without SMS_URL every resident's sign-in code is shown on /dev/sms.",
                                reach,
                                "Never run a city on it: set DEMO=false (or an external DB_URL) and HOST for production.",
                                rule));
    }

    private static SmsGateway smsGateway(Settings settings, Optional<DevSmsGateway> dev) {
        if (dev.isPresent()) {
            LOG.info("SMS: demo mode without SMS_URL — sign-in codes appear on /dev/sms and in this log");
            return dev.get();
        }
        return settings.sms().url()
                .<SmsGateway>map(url -> new HttpSmsGateway(URI.create(url), settings.sms().apiKey(), settings.sms().sender()))
                .orElseGet(() -> {
                    LOG.warning("SMS: no SMS_URL configured — residents cannot sign in until one is set");
                    return (phone, text) -> new SmsGateway.Result.Failed("no SMS provider configured");
                });
    }

    private static DirectHandlers directHandlers() {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            handlers.addHandler(type, ProblemResponses.directHandler());
        }
        return handlers.build();
    }

    private static void sweep(DeadlineSweeper sweeper) {
        try {
            sweeper.sweepOnce();
        } catch (RuntimeException e) {
            LOG.warning("deadline sweep failed (it runs again shortly): " + e.getMessage());
        }
    }

    /** The board tally's and the report rollup's appended changes into their totals (both are read with what is pending). */
    private static void fold(StatusTally tally, Reports reports) {
        try {
            tally.fold();
            reports.foldRollup();
        } catch (RuntimeException e) {
            LOG.warning("folding the board counts and the report rollup failed (they stay right, reading a little slower; it runs again shortly): "
                                + e.getMessage());
        }
    }

    /** Housekeeping: expired sign-ins, change-feed rows no cursor needs, photos a device will never finish. */
    private static void purge(Sessions sessions, SignInThrottle throttle, SyncService sync, PhotoUploads uploads, Duration photoPatience, PushTokens pushTokens,
                              Inbox inbox) {
        try {
            sessions.purgeExpired();
            throttle.purge();
            sync.purge();
            // a device can send nothing after its session has ended
            uploads.abandonOlderThan(photoPatience);
            pushTokens.purge();
            inbox.purgeDeliveries();
            inbox.purge(Inbox.KEEP);
        } catch (RuntimeException e) {
            LOG.warning("housekeeping failed (it runs again in ten minutes): " + e.getMessage());
        }
    }

    public int port() {
        return server.port();
    }

    /** The services behind the routes, for tests that inspect the route table. */
    public Api.Services services() {
        return services;
    }

    /** The push sender, when a push provider is configured (it runs on its own). */
    public Optional<PushSender> pushSender() {
        return notifications.sender();
    }

    /** The deadline sweeper (it also runs on its own schedule). */
    public DeadlineSweeper sweeper() {
        return sweeper;
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
            scheduler.shutdownNow();
            services.notifications().closeStreams();
            services.requests().closeStreams();
            notifications.sender().ifPresent(PushSender::close);
            server.stop();
            notifications.close();
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
