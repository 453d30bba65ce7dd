package org.opencity.backend.open311;

import io.helidon.dbclient.DbClient;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.errors.BadRequest;
import org.opencity.backend.errors.Forbidden;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.TooManyRequests;
import org.opencity.backend.integrations.ApiClient;
import org.opencity.backend.integrations.ApiClients;
import org.opencity.backend.photos.PhotoUploads;
import org.opencity.backend.requests.Intake;
import org.opencity.backend.requests.RequestActions;
import org.opencity.backend.requests.RequestQueries;
import org.opencity.backend.web.Locales;
import org.opencity.backend.web.RateLimiter;
import org.opencity.model.GeoPoint;
import org.opencity.model.request.NewRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The Open311 GeoReport v2 server under {@code /open311/v2}, with the mySociety service request
 * updates: every resource as {@code .xml} and {@code .json}. Reading is open to anyone (nothing
 * personal is written out); filing and posting updates need the {@code api_key} of a client a
 * city admin registered (the same keys as {@code /api/v1/intake}), sent as a parameter — or in
 * {@code X-Api-Key} — and are limited per client. Errors are rendered by {@link Open311Errors}.
 * Every readable resource also answers HEAD; another method on a resource we have is a 405 with
 * {@code Allow}.
 */
public final class Open311Service implements HttpService {

    /** The widest window of dates one query may span, as the spec says. */
    static final Duration MAX_SPAN = Duration.ofDays(90);
    static final int MAX_PAGE_SIZE = 1000;
    /** The response header with the size of the whole list a page was taken from. */
    static final HeaderName TOTAL_COUNT = HeaderNames.create("X-Total-Count");
    private static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    /** The language the description stands in for staff when a client sends none (the city's working language). */
    private static final String STAFF_LANGUAGE = "ru";

    private final Open311Catalogue catalogue;
    private final Open311Requests requests;
    private final ApiClients clients;
    private final RateLimiter perClient;
    private final Open311Address address;
    private final Open311Http http;
    private final Open311Filings filings;
    private final Open311StaffView staff;
    private final Clock clock;

    public Open311Service(DbClient db, Transactions tx, Intake intake, RequestActions actions, ApiClients clients,
                          RateLimiter perClient, Open311Address address, List<String> corsOrigins, PhotoUploads photoChecks,
                          RequestQueries queries, Clock clock) {
        this.catalogue = new Open311Catalogue(db);
        this.requests = new Open311Requests(db, tx, intake, actions, photoChecks, clock);
        this.filings = new Open311Filings(photoChecks, clock);
        this.staff = new Open311StaffView(db, queries);
        this.clients = clients;
        this.perClient = perClient;
        this.address = address;
        this.http = new Open311Http(corsOrigins);
        this.clock = clock;
    }

    /** What staff read of a request's Open311 submission, under {@code /api/v1} (signed in, the request's own rules). */
    public HttpService staff() {
        return staff;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(http::crossOrigin)
                .get("/discovery.{format}", this::discovery)
                .head("/discovery.{format}", this::discovery)
                .get("/services.{format}", this::services)
                .head("/services.{format}", this::services)
                .get("/services/{service_code}.{format}", this::serviceDefinition)
                .head("/services/{service_code}.{format}", this::serviceDefinition)
                .get("/requests.{format}", this::listRequests)
                .head("/requests.{format}", this::listRequests)
                .post("/requests.{format}", this::fileRequest)
                .get("/requests/{service_request_id}.{format}", this::oneRequest)
                .head("/requests/{service_request_id}.{format}", this::oneRequest)
                .get("/servicerequestupdates.{format}", this::listUpdates)
                .head("/servicerequestupdates.{format}", this::listUpdates)
                .post("/servicerequestupdates.{format}", this::postUpdate)
                .any("/*", http::noSuchMethodOrResource);
    }

    private void discovery(ServerRequest req, ServerResponse res) {
        Open311Format format = format(req);
        String changeset = Open311Requests.datetime(catalogue.lastChange(), ZoneOffset.UTC);
        var endpoint = Open311Document.fields()
                .text("specification", SPECIFICATION)
                .text("url", address.base(req) + "/open311/v2")
                .text("changeset", changeset)
                .text("type", "production")
                .put("formats", new Open311Document.Items("format", List.of(Open311Document.text("text/xml"),
                                                                           Open311Document.text("application/json"))))
                .build();
        var body = Open311Document.fields()
                .text("changeset", changeset)
                .text("contact", "The city dispatcher service of each jurisdiction (jurisdiction_id: the city code)")
                .text("key_service", "API keys (api_key) are issued per client application by the city administrator")
                .put("endpoints", new Open311Document.Items("endpoint", List.of(endpoint)))
                .build();
        format.send(req, res, Status.OK_200, new Open311Document("discovery", body));
    }

    private void services(ServerRequest req, ServerResponse res) {
        Open311Format format = format(req);
        Open311Params p = Open311Params.of(req);
        Open311Catalogue.Jurisdiction city = jurisdiction(p, optionalClient(req, p));
        List<Open311Catalogue.Service> all = catalogue.services(city, Locales.of(req));
        Paging paging = paging(p);
        List<Open311Document.Fields> items = all.stream().skip((long) (paging.page() - 1) * paging.size()).limit(paging.size())
                .map(s -> Open311Document.fields()
                        .text("service_code", s.code())
                        .text("service_name", s.name())
                        .text("description", s.emergency() ? s.name() + " (emergency: handled around the clock)" : s.name())
                        .flag("metadata", !s.attributes().isEmpty())
                        .text("type", "realtime")
                        .text("keywords", s.code().replace('-', ','))
                        .text("group", s.group())
                        .build())
                .toList();
        total(res, all.size());
        format.send(req, res, Status.OK_200, new Open311Document("services", new Open311Document.Items("service", items)));
    }

    private void serviceDefinition(ServerRequest req, ServerResponse res) {
        Open311Format format = format(req);
        Open311Params p = Open311Params.of(req);
        Open311Catalogue.Jurisdiction city = jurisdiction(p, optionalClient(req, p));
        String code = req.path().pathParameters().get("service_code");
        Open311Catalogue.Service service = catalogue.service(city, code, Locales.of(req))
                .orElseThrow(() -> new NotFound("service_code " + code + " not found"));
        List<Open311Document.Fields> attributes = service.attributes().stream()
                .map(Open311Service::attribute)
                .toList();
        var body = Open311Document.fields().text("service_code", service.code())
                .put("attributes", new Open311Document.Items("attribute", attributes)).build();
        format.send(req, res, Status.OK_200, new Open311Document("service_definition", body));
    }

    private void fileRequest(ServerRequest req, ServerResponse res) {
        Open311Format format = format(req);
        Open311Params p = Open311Params.of(req);
        ApiClient client = requiredClient(req, p);
        Open311Catalogue.Jurisdiction city = jurisdiction(p, Optional.of(client));
        String locale = Locales.of(req);
        String code = p.required("service_code");
        Open311Catalogue.Service service = catalogue.service(city, code, locale)
                .orElseThrow(() -> new NotFound("service_code " + code + " not found"));
        Map<String, String> attributes = Open311Filings.attributes(service, p.attributes());
        Optional<Double> lat = p.number("lat");
        Optional<Double> lon = p.number("long");
        if (lat.isPresent() != lon.isPresent()) {
            throw new BadRequest("send both lat and long, or neither");
        }
        Optional<UUID> building = p.optional("address_id").map(Open311Service::uuid);
        Optional<String> address = p.optional("address_string");
        if (building.isEmpty() && lat.isEmpty()) {
            if (address.isEmpty()) {
                throw new BadRequest("a location is required: lat and long, address_string or address_id");
            }
            building = Optional.of(requests.building(city, address.get()).orElseThrow(() -> new BadRequest(
                    "address_string is not a building we know; send lat and long, or address_id")));
        }
        GeoPoint location = lat.map(la -> point(la, lon.get())).orElse(null);
        // the spec makes the description optional; staff then read the category's name as its text
        String description = p.optional("description").orElseGet(() -> catalogue.service(city, code, STAFF_LANGUAGE).orElseThrow().name());
        List<Open311Requests.Photo> photos = filings.photos(p.uploads());
        NewRequest request = new NewRequest(Open311Filings.requestId(client, attributes), service.code(), description, location,
                                            building.orElse(null), attributes.get("entrance"), attributes.get("floor"),
                                            attributes.get("flat"), building.isPresent() ? null : address.orElse(null), null, null,
                                            null, null, photos.stream().map(Open311Requests.Photo::announcement).toList());
        Open311Requests.Filing filing = new Open311Requests.Filing(
                request, p.attributes(), p.limited("first_name", 200), p.limited("last_name", 200), p.limited("email", 200),
                p.limited("phone", 50), p.url("media_url"), photos);
        Open311Document.Fields created = requests.file(city, client, filing, locale);
        format.send(req, res, Status.OK_200, new Open311Document("service_requests", new Open311Document.Items("request", List.of(created))));
    }

    private void listRequests(ServerRequest req, ServerResponse res) {
        Open311Format format = format(req);
        Open311Params p = Open311Params.of(req);
        Optional<ApiClient> client = optionalClient(req, p);
        Open311Catalogue.Jurisdiction city = jurisdiction(p, client);
        String locale = Locales.of(req);
        List<String> numbers = p.list("service_request_id").stream().map(n -> n.toUpperCase(Locale.ROOT)).toList();
        List<String> codes = p.list("service_code");
        for (String code : codes) {
            catalogue.service(city, code, locale).orElseThrow(() -> new BadRequest("service_code " + code + " not found"));
        }
        Optional<Instant> updatedAfter = p.instant("updated_after");
        Optional<Instant> updatedBefore = p.instant("updated_before");
        Open311Params.Window window = p.window(MAX_SPAN, clock.instant(), updatedAfter.isEmpty() && updatedBefore.isEmpty());
        Optional<Boolean> closed = p.closed("status");
        Paging paging = paging(p);
        Open311Requests.Query query = new Open311Requests.Query(numbers, codes, window.from(), window.to(), closed, updatedAfter,
                                                                updatedBefore, p.optional("agency_responsible"),
                                                                paging.page(), paging.size());
        Open311Requests.Found found = requests.find(city, query, client, locale, address.base(req));
        total(res, found.total());
        format.send(req, res, Status.OK_200, new Open311Document("service_requests", new Open311Document.Items("request", found.items())));
    }

    private void oneRequest(ServerRequest req, ServerResponse res) {
        Open311Format format = format(req);
        Open311Params p = Open311Params.of(req);
        Optional<ApiClient> client = optionalClient(req, p);
        Open311Catalogue.Jurisdiction city = jurisdiction(p, client);
        String number = req.path().pathParameters().get("service_request_id").toUpperCase(Locale.ROOT);
        Open311Requests.Query query = new Open311Requests.Query(List.of(number), List.of(), Optional.empty(), Optional.empty(),
                                                                Optional.empty(), Optional.empty(), Optional.empty(),
                                                                Optional.empty(), 1, 1);
        List<Open311Document.Fields> found = requests.find(city, query, client, Locales.of(req), address.base(req)).items();
        if (found.isEmpty()) {
            throw new NotFound("service_request_id " + number + " not found");
        }
        format.send(req, res, Status.OK_200, new Open311Document("service_requests", new Open311Document.Items("request", found)));
    }

    private void listUpdates(ServerRequest req, ServerResponse res) {
        Open311Format format = format(req);
        Open311Params p = Open311Params.of(req);
        Open311Catalogue.Jurisdiction city = jurisdiction(p, optionalClient(req, p));
        Open311Params.Window window = p.window(MAX_SPAN, clock.instant(), true);
        Paging paging = paging(p);
        Open311Requests.Found updates = requests.updates(city, window.from().orElseThrow(), window.to().orElseThrow(), paging.page(),
                                                         paging.size());
        if (!paging.asked() && updates.total() > paging.size()) {
            // oldest first, so that clients apply them in order; a client that does not page must not lose the newest silently
            throw new BadRequest(updates.total() + " updates in this window, more than one answer holds (" + paging.size()
                                         + "); narrow start_date and end_date, or page with page and page_size");
        }
        total(res, updates.total());
        format.send(req, res, Status.OK_200,
                    new Open311Document("service_request_updates", new Open311Document.Items("request_update", updates.items())));
    }

    private void postUpdate(ServerRequest req, ServerResponse res) {
        Open311Format format = format(req);
        Open311Params p = Open311Params.of(req);
        ApiClient client = requiredClient(req, p);
        Open311Catalogue.Jurisdiction city = jurisdiction(p, Optional.of(client));
        String number = p.required("service_request_id").toUpperCase(Locale.ROOT);
        UUID request = requests.sentBy(city, client, number)
                .orElseThrow(() -> new NotFound("service_request_id " + number + " not found among the requests this client sent"));
        String text = p.required("description");
        if (text.length() > 2000) {
            throw new BadRequest("description: at most 2000 characters");
        }
        if (!p.uploads().isEmpty()) {
            throw new BadRequest("files are taken with new requests only; link a photo of an update with media_url");
        }
        Optional<String> status = p.optional("status").map(s -> s.toUpperCase(Locale.ROOT));
        if (status.isPresent() && !Open311Statuses.EXTENDED.contains(status.get())) {
            throw new BadRequest("status must be one of " + String.join(", ", new TreeSet<>(Open311Statuses.EXTENDED)));
        }
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("text", text);
        detail.put("client", client.name());
        status.ifPresent(s -> detail.put("externalStatus", s));
        p.instant("updated_datetime").ifPresent(at -> detail.put("externalUpdatedAt", at.toString()));
        Optional<String> updateId = p.limited("update_id", 100);
        updateId.ifPresent(id -> detail.put("externalUpdateId", id));
        p.url("media_url").ifPresent(url -> detail.put("mediaUrl", url));
        UUID id = requests.comment(client, request, updateId, detail);
        var body = Open311Document.fields().text("update_id", id.toString()).build();
        format.send(req, res, Status.OK_200,
                    new Open311Document("service_request_updates", new Open311Document.Items("request_update", List.of(body))));
    }

    /**
     * One attribute as the spec lists it; the one the client software sets itself also carries
     * mySociety's {@code automated: server_set}, which tells FixMyStreet to fill it and not to show
     * it to the reporter.
     */
    private static Open311Document.Fields attribute(Open311Catalogue.Attribute a) {
        var fields = Open311Document.fields()
                .flag("variable", a.variable())
                .text("code", a.code())
                .text("datatype", "string")
                .flag("required", false)
                .text("datatype_description", "at most " + a.maxLength() + " characters")
                .number("order", a.order())
                .text("description", a.description())
                .put("values", new Open311Document.Items("value", List.of()));
        if (!a.variable()) {
            fields.text("automated", "server_set");
        }
        return fields.build();
    }

    /** The page a list call asks for, and whether it asked at all. */
    private record Paging(int page, int size, boolean asked) {
    }

    private static Paging paging(Open311Params p) {
        Optional<Integer> page = p.integer("page", 1, 100_000);
        Optional<Integer> size = p.integer("page_size", 1, MAX_PAGE_SIZE);
        return new Paging(page.orElse(1), size.orElse(MAX_PAGE_SIZE), page.isPresent() || size.isPresent());
    }

    /** How many items the whole list holds, whatever page this answer is. */
    private static void total(ServerResponse res, long total) {
        res.header(TOTAL_COUNT, Long.toString(total));
    }

    private Open311Catalogue.Jurisdiction jurisdiction(Open311Params p, Optional<ApiClient> client) {
        Open311Catalogue.Jurisdiction city = catalogue.jurisdiction(p.optional("jurisdiction_id"), client.map(ApiClient::cityId));
        if (client.isPresent() && !client.get().cityId().equals(city.id())) {
            throw new Forbidden("this api_key is not valid for jurisdiction_id " + city.code());
        }
        return city;
    }

    private ApiClient requiredClient(ServerRequest req, Open311Params p) {
        return optionalClient(req, p).orElseThrow(() -> new Forbidden("api_key is required"));
    }

    /** The client whose key came as {@code api_key} (or {@code X-Api-Key}); a key sent must be valid. */
    private Optional<ApiClient> optionalClient(ServerRequest req, Open311Params p) {
        Optional<String> key = p.optional("api_key");
        Optional<ApiClient> client = key.isPresent()
                ? Optional.of(clients.authenticate(key.get()).orElseThrow(() -> new Forbidden("api_key is not valid")))
                : ApiClient.of(req.context());
        client.flatMap(c -> perClient.acquire("open311:" + c.id())).ifPresent(wait -> {
            throw new TooManyRequests("too many requests with this api_key; slow down", wait);
        });
        return client;
    }

    private static GeoPoint point(double lat, double lon) {
        try {
            return new GeoPoint(lat, lon);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("lat and long must be a position on Earth (lat -90 to 90, long -180 to 180)");
        }
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("address_id is not one of our building ids");
        }
    }

    private static Open311Format format(ServerRequest req) {
        return Open311Format.of(req.path().pathParameters().get("format"));
    }

}
