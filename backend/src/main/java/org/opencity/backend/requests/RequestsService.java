package org.opencity.backend.requests;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.Locales;
import org.opencity.backend.web.Paging;
import org.opencity.backend.web.PathParams;
import org.opencity.model.GeoPoint;
import org.opencity.model.Platform;
import org.opencity.model.Role;
import org.opencity.model.request.ActionRequest;
import org.opencity.model.request.Channel;
import org.opencity.model.request.NewRequest;

import java.util.Optional;
import java.util.UUID;

/**
 * Requests: {@code /api/v1/requests} — filing (residents for themselves, the call centre for a
 * caller), searching, one request with its timeline and available actions, actions, and nearby
 * requests of the same kind, the board's live feed ({@link BoardStream}), following a request someone else reported ({@code /follow},
 * {@code /api/v1/me/following}); {@code /api/v1/callers} for the call centre.
 */
public final class RequestsService implements HttpService {

    private final Intake intake;
    private final RequestActions actions;
    private final RequestQueries queries;
    private final Devices devices;
    private final Followers followers;
    private final BoardStream board;

    /** Which platform a device signed in from decides the channel (app or web). */
    public interface Devices {
        Optional<Platform> platform(UUID deviceId);
    }

    public RequestsService(Intake intake, RequestActions actions, RequestQueries queries, Devices devices, Followers followers,
                           BoardStream board) {
        this.intake = intake;
        this.actions = actions;
        this.queries = queries;
        this.devices = devices;
        this.followers = followers;
        this.board = board;
    }

    /** Ends every open board feed (the server is stopping). */
    public void closeStreams() {
        board.close();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/requests", this::create)
                .get("/requests", this::search)
                .get("/requests/nearby", this::nearby)
                .get("/requests/stream", board::stream)
                .get("/requests/map", this::map)
                .get("/requests/{requestId}", this::get)
                .post("/requests/{requestId}/actions", this::act)
                .post("/requests/{requestId}/follow", this::follow)
                .delete("/requests/{requestId}/follow", this::unfollow)
                .get("/me/following", this::following)
                .get("/callers", this::callerHistory);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.required(req);
        NewRequest body = req.content().as(NewRequest.class);
        boolean operator = caller.has(Role.CALL_CENTRE_OPERATOR);
        Channel channel = operator ? Channel.CALL_CENTRE
                : devices.platform(caller.deviceId()).filter(p -> p == Platform.WEB).map(p -> Channel.WEB).orElse(Channel.MOBILE);
        if (!operator && body.caller() != null) {
            throw ValidationFailed.of("caller", "operator-only", "only the call centre files for another person");
        }
        Intake.Created created = intake.create(new Intake.Filer(channel, caller.cityId(), Optional.of(caller.userId()), operator,
                                                                Optional.empty(), operator ? Role.CALL_CENTRE_OPERATOR.name()
                                                                        : Role.RESIDENT.name()), body);
        res.status(created.createdNow() ? Status.CREATED_201 : Status.OK_200);
        res.header(HeaderNames.LOCATION, "/api/v1/requests/" + created.id());
        res.send(queries.detail(caller, created.id(), Locales.of(req)));
    }

    private void search(ServerRequest req, ServerResponse res) {
        res.send(queries.search(Callers.required(req), RequestFilter.of(req), Paging.of(req), Locales.of(req)));
    }

    private void map(ServerRequest req, ServerResponse res) {
        res.send(queries.map(Callers.required(req), RequestFilter.of(req), Locales.of(req)));
    }

    private void get(ServerRequest req, ServerResponse res) {
        res.send(queries.detail(Callers.required(req), PathParams.uuid(req, "requestId"), Locales.of(req)));
    }

    private void act(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.required(req);
        UUID id = PathParams.uuid(req, "requestId");
        actions.perform(caller, id, req.content().as(ActionRequest.class));
        try {
            res.send(queries.detail(caller, id, Locales.of(req)));
        } catch (NotFound gone) {
            // the action took the request out of the caller's reach (an organisation saying "not ours")
            res.status(Status.NO_CONTENT_204).send();
        }
    }

    private void follow(ServerRequest req, ServerResponse res) {
        followers.follow(Callers.required(req), PathParams.uuid(req, "requestId"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void unfollow(ServerRequest req, ServerResponse res) {
        followers.unfollow(Callers.required(req), PathParams.uuid(req, "requestId"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void following(ServerRequest req, ServerResponse res) {
        res.send(followers.of(Callers.required(req), Locales.of(req)));
    }

    private void nearby(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.required(req);
        String category = req.query().first("category").asOptional().filter(s -> !s.isBlank())
                .orElseThrow(() -> ValidationFailed.of("category", "required", "the category code"));
        Optional<UUID> building = req.query().first("building").asOptional().filter(s -> !s.isBlank()).map(s -> {
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                throw ValidationFailed.of("building", "format", "a building id");
            }
        });
        Optional<GeoPoint> point = Optional.empty();
        if (req.query().contains("lat") || req.query().contains("lon")) {
            try {
                point = Optional.of(new GeoPoint(Double.parseDouble(req.query().get("lat")), Double.parseDouble(req.query().get("lon"))));
            } catch (RuntimeException e) {
                throw ValidationFailed.of("lat", "format", "lat and lon in decimal degrees");
            }
        }
        res.send(queries.nearby(caller, category, building, point, Locales.of(req)));
    }

    private void callerHistory(ServerRequest req, ServerResponse res) {
        String phone = req.query().first("phone").asOptional().filter(s -> !s.isBlank())
                .orElseThrow(() -> ValidationFailed.of("phone", "required", "the caller's phone number"));
        res.send(queries.caller(Callers.required(req), phone, Locales.of(req)));
    }
}
