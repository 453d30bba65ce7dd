package org.opencity.backend.accounts;

import io.helidon.dbclient.DbClient;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.db.Rows;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.web.ClientAddress;
import org.opencity.backend.web.PathParams;
import org.opencity.model.auth.TotpCode;

import java.util.Map;
import java.util.UUID;

/** The signed-in user's own account: {@code /api/v1/me} — profile, devices, two-factor sign-in. */
public final class MeService implements HttpService {

    private final DbClient db;
    private final Sessions sessions;
    private final TwoFactor twoFactor;
    private final Devices devices;
    private final SecurityEvents events;

    public MeService(DbClient db, Sessions sessions, TwoFactor twoFactor, Devices devices, SecurityEvents events) {
        this.db = db;
        this.sessions = sessions;
        this.twoFactor = twoFactor;
        this.devices = devices;
        this.events = events;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::me)
                .get("/devices", this::listDevices)
                .delete("/devices/{deviceId}", this::revokeDevice)
                .post("/totp", this::enrollTotp)
                .post("/totp/confirm", this::confirmTotp)
                .post("/totp/disable", this::disableTotp);
    }

    private void me(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.required(req);
        String name = db.execute().createGet("SELECT display_name FROM app_user WHERE id = :id")
                .addParam("id", caller.userId()).execute().map(r -> Rows.string(r, "display_name")).orElse("");
        res.send(sessions.me(caller, name));
    }

    private void listDevices(ServerRequest req, ServerResponse res) {
        res.send(devices.of(Callers.required(req).userId()));
    }

    private void revokeDevice(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.required(req);
        UUID device = PathParams.uuid(req, "deviceId");
        if (!sessions.revokeDevice(caller.userId(), device)) {
            throw new NotFound("no such device");
        }
        events.record(SecurityEvents.Kind.DEVICE_REVOKED, caller.userId(), device, ClientAddress.of(req), Map.of("by", "owner"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void enrollTotp(ServerRequest req, ServerResponse res) {
        res.send(twoFactor.enroll(Callers.required(req)));
    }

    private void confirmTotp(ServerRequest req, ServerResponse res) {
        TotpCode body = req.content().as(TotpCode.class);
        res.send(twoFactor.confirm(Callers.required(req), body.code(), ClientAddress.of(req)));
    }

    private void disableTotp(ServerRequest req, ServerResponse res) {
        TotpCode body = req.content().as(TotpCode.class);
        twoFactor.disable(Callers.required(req), body.code(), ClientAddress.of(req));
        res.status(Status.NO_CONTENT_204).send();
    }
}
