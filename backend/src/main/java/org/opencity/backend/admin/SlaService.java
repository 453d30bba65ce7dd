package org.opencity.backend.admin;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.web.ClientAddress;
import org.opencity.backend.web.Locales;
import org.opencity.backend.web.PathParams;
import org.opencity.model.admin.StageMinutes;

/**
 * Stage deadlines: {@code /api/v1/admin/slas} — the city's standard per category and stage — and
 * {@code /api/v1/admin/organisations/{id}/slas} — an organisation's own stricter targets. Who may
 * call what is in the access policy; which organisation a caller reaches is decided in {@link Slas}.
 */
public final class SlaService implements HttpService {

    private final Slas slas;

    public SlaService(Slas slas) {
        this.slas = slas;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/slas", this::list)
                .put("/slas/{categoryCode}", this::setCityStandard)
                .get("/organisations/{organisationId}/slas", this::listForOrganisation)
                .put("/organisations/{organisationId}/slas/{categoryCode}", this::setOrganisationTargets)
                .delete("/organisations/{organisationId}/slas/{categoryCode}", this::clearOrganisationTargets);
    }

    private void list(ServerRequest req, ServerResponse res) {
        res.send(slas.list(Callers.required(req), Locales.of(req)));
    }

    private void setCityStandard(ServerRequest req, ServerResponse res) {
        res.send(slas.setCityStandard(Callers.required(req), categoryCode(req), req.content().as(StageMinutes.class),
                                      ClientAddress.of(req), Locales.of(req)));
    }

    private void listForOrganisation(ServerRequest req, ServerResponse res) {
        res.send(slas.ofOrganisation(Callers.required(req), PathParams.uuid(req, "organisationId"), Locales.of(req)));
    }

    private void setOrganisationTargets(ServerRequest req, ServerResponse res) {
        res.send(slas.setOrganisationTargets(Callers.required(req), PathParams.uuid(req, "organisationId"), categoryCode(req),
                                             req.content().as(StageMinutes.class), ClientAddress.of(req), Locales.of(req)));
    }

    private void clearOrganisationTargets(ServerRequest req, ServerResponse res) {
        slas.clearOrganisationTargets(Callers.required(req), PathParams.uuid(req, "organisationId"), categoryCode(req),
                                      ClientAddress.of(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static String categoryCode(ServerRequest req) {
        return req.path().pathParameters().get("categoryCode");
    }
}
