package org.opencity.backend.integrations;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.errors.Unauthorized;
import org.opencity.backend.requests.Intake;
import org.opencity.backend.requests.RequestQueries;
import org.opencity.backend.web.Locales;
import org.opencity.backend.web.PathParams;
import org.opencity.model.admin.NewApiClient;
import org.opencity.model.request.Channel;
import org.opencity.model.request.NewRequest;

import java.util.Optional;

/**
 * The API channel for other systems ({@code /api/v1/intake}, authenticated by {@code X-Api-Key}),
 * and the city admin's management of their keys ({@code /api/v1/admin/api-clients}).
 */
public final class IntegrationsService implements HttpService {

    private final ApiClients clients;
    private final Intake intake;
    private final RequestQueries queries;

    public IntegrationsService(ApiClients clients, Intake intake, RequestQueries queries) {
        this.clients = clients;
        this.intake = intake;
        this.queries = queries;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/intake/requests", this::file)
                .get("/intake/requests/{requestId}", this::status)
                .get("/admin/api-clients", this::list)
                .post("/admin/api-clients", this::issue)
                .delete("/admin/api-clients/{clientId}", this::revoke);
    }

    private void file(ServerRequest req, ServerResponse res) {
        ApiClient client = client(req);
        Intake.Created created = intake.create(new Intake.Filer(Channel.API, client.cityId(), Optional.empty(), true,
                                                                Optional.of(client.id()), "API_CLIENT"),
                                               req.content().as(NewRequest.class));
        res.status(created.createdNow() ? Status.CREATED_201 : Status.OK_200);
        res.header(HeaderNames.LOCATION, "/api/v1/intake/requests/" + created.id());
        res.send(queries.forClient(client, created.id(), Locales.of(req)));
    }

    private void status(ServerRequest req, ServerResponse res) {
        res.send(queries.forClient(client(req), PathParams.uuid(req, "requestId"), Locales.of(req)));
    }

    private void list(ServerRequest req, ServerResponse res) {
        res.send(clients.list(Callers.required(req)));
    }

    private void issue(ServerRequest req, ServerResponse res) {
        res.status(Status.CREATED_201).send(clients.issue(Callers.required(req), req.content().as(NewApiClient.class).name()));
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        res.send(clients.revoke(Callers.required(req), PathParams.uuid(req, "clientId")));
    }

    private static ApiClient client(ServerRequest req) {
        return ApiClient.of(req.context()).orElseThrow(() -> new Unauthorized("send the system's key in X-Api-Key"));
    }
}
