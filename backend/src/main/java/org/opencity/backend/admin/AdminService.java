package org.opencity.backend.admin;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.accounts.Devices;
import org.opencity.backend.accounts.SecurityEvents;
import org.opencity.backend.accounts.Sessions;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.ClientAddress;
import org.opencity.backend.web.Paging;
import org.opencity.backend.web.PathParams;
import org.opencity.model.Role;
import org.opencity.model.admin.NewOrganisation;
import org.opencity.model.admin.NewResponsibility;
import org.opencity.model.admin.NewStaffUser;
import org.opencity.model.admin.OrganisationChanges;
import org.opencity.model.admin.UserChanges;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Administration: {@code /api/v1/admin} — users, their devices, organisations and their
 * responsibilities, and the security log. Which role may call what is in the access policy;
 * which objects each caller reaches is decided in {@link Users} and {@link Organisations}.
 */
public final class AdminService implements HttpService {

    private final Users users;
    private final Organisations organisations;
    private final Devices devices;
    private final Sessions sessions;
    private final SecurityLog securityLog;
    private final SecurityEvents events;

    public AdminService(Users users, Organisations organisations, Devices devices, Sessions sessions,
                        SecurityLog securityLog, SecurityEvents events) {
        this.users = users;
        this.organisations = organisations;
        this.devices = devices;
        this.sessions = sessions;
        this.securityLog = securityLog;
        this.events = events;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/users", this::listUsers)
                .post("/users", this::createUser)
                .get("/users/{userId}", this::getUser)
                .patch("/users/{userId}", this::updateUser)
                .get("/users/{userId}/devices", this::listDevices)
                .delete("/users/{userId}/devices/{deviceId}", this::revokeDevice)
                .delete("/users/{userId}/sign-in-delay", this::clearSignInDelay)
                .get("/organisations", this::listOrganisations)
                .post("/organisations", this::createOrganisation)
                .get("/organisations/{organisationId}", this::getOrganisation)
                .patch("/organisations/{organisationId}", this::updateOrganisation)
                .get("/organisations/{organisationId}/responsibilities", this::listResponsibilities)
                .post("/organisations/{organisationId}/responsibilities", this::addResponsibility)
                .delete("/responsibilities/{responsibilityId}", this::endResponsibility)
                .get("/security-events", this::listSecurityEvents);
    }

    private void listUsers(ServerRequest req, ServerResponse res) {
        Optional<UUID> organisation = req.query().first("organisation").asOptional().map(AdminService::uuidParam);
        Optional<Role> role = req.query().first("role").asOptional().map(AdminService::roleParam);
        Optional<String> text = req.query().first("q").asOptional().filter(q -> !q.isBlank()).map(q -> q.length() > 100 ? q.substring(0, 100) : q);
        res.send(users.list(Callers.required(req), organisation, role, text, Paging.of(req)));
    }

    private void createUser(ServerRequest req, ServerResponse res) {
        var created = users.create(Callers.required(req), req.content().as(NewStaffUser.class), ClientAddress.of(req));
        res.status(Status.CREATED_201).send(created);
    }

    private void getUser(ServerRequest req, ServerResponse res) {
        res.send(users.get(Callers.required(req), PathParams.uuid(req, "userId")));
    }

    private void updateUser(ServerRequest req, ServerResponse res) {
        res.send(users.update(Callers.required(req), PathParams.uuid(req, "userId"), req.content().as(UserChanges.class),
                              ClientAddress.of(req)));
    }

    private void listDevices(ServerRequest req, ServerResponse res) {
        UUID user = users.get(Callers.required(req), PathParams.uuid(req, "userId")).id();
        res.send(devices.of(user));
    }

    private void revokeDevice(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.required(req);
        UUID user = users.changeable(caller, PathParams.uuid(req, "userId")).id();
        UUID device = PathParams.uuid(req, "deviceId");
        if (!sessions.revokeDevice(user, device)) {
            throw new NotFound("no such device");
        }
        events.record(SecurityEvents.Kind.DEVICE_REVOKED, caller.userId(), device, ClientAddress.of(req),
                      Map.of("by", "admin", "user", user.toString()));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void clearSignInDelay(ServerRequest req, ServerResponse res) {
        res.send(users.clearSignInDelay(Callers.required(req), PathParams.uuid(req, "userId"), ClientAddress.of(req)));
    }

    private void listOrganisations(ServerRequest req, ServerResponse res) {
        res.send(organisations.list(Callers.required(req)));
    }

    private void createOrganisation(ServerRequest req, ServerResponse res) {
        res.status(Status.CREATED_201).send(organisations.create(Callers.required(req), req.content().as(NewOrganisation.class)));
    }

    private void getOrganisation(ServerRequest req, ServerResponse res) {
        res.send(organisations.get(Callers.required(req), PathParams.uuid(req, "organisationId")));
    }

    private void updateOrganisation(ServerRequest req, ServerResponse res) {
        res.send(organisations.update(Callers.required(req), PathParams.uuid(req, "organisationId"),
                                      req.content().as(OrganisationChanges.class)));
    }

    private void listResponsibilities(ServerRequest req, ServerResponse res) {
        res.send(organisations.responsibilities(Callers.required(req), PathParams.uuid(req, "organisationId")));
    }

    private void addResponsibility(ServerRequest req, ServerResponse res) {
        res.status(Status.CREATED_201).send(organisations.addResponsibility(
                Callers.required(req), PathParams.uuid(req, "organisationId"), req.content().as(NewResponsibility.class)));
    }

    private void endResponsibility(ServerRequest req, ServerResponse res) {
        res.send(organisations.endResponsibility(Callers.required(req), PathParams.uuid(req, "responsibilityId")));
    }

    private void listSecurityEvents(ServerRequest req, ServerResponse res) {
        res.send(securityLog.list(Paging.of(req)));
    }

    private static UUID uuidParam(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ValidationFailed.of("organisation", "format", "an organisation id");
        }
    }

    private static Role roleParam(String raw) {
        try {
            return Role.valueOf(raw);
        } catch (IllegalArgumentException e) {
            throw ValidationFailed.of("role", "unknown", "one of " + java.util.Arrays.toString(Role.values()));
        }
    }
}
