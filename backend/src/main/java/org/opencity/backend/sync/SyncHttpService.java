package org.opencity.backend.sync;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.Locales;
import org.opencity.model.Platform;
import org.opencity.model.sync.PushBatch;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Offline sync: {@code POST /api/v1/sync/push} and {@code GET /api/v1/sync/pull?cursor=}. */
public final class SyncHttpService implements HttpService {

    private final SyncService sync;
    private final Function<UUID, Optional<Platform>> platforms;

    public SyncHttpService(SyncService sync, Function<UUID, Optional<Platform>> platforms) {
        this.sync = sync;
        this.platforms = platforms;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/push", this::push)
                .get("/pull", this::pull);
    }

    private void push(ServerRequest req, ServerResponse res) {
        Caller caller = Callers.required(req);
        PushBatch batch = req.content().as(PushBatch.class);
        res.send(sync.push(caller, platforms.apply(caller.deviceId()).orElse(Platform.ANDROID), batch));
    }

    private void pull(ServerRequest req, ServerResponse res) {
        int limit;
        try {
            limit = Integer.parseInt(req.query().first("limit").orElse("50"));
        } catch (NumberFormatException e) {
            throw ValidationFailed.of("limit", "format", "a whole number");
        }
        if (limit < 1 || limit > SyncService.MAX_PAGE) {
            throw ValidationFailed.of("limit", "range", "1 to " + SyncService.MAX_PAGE);
        }
        res.send(sync.pull(Callers.required(req), req.query().first("cursor").orElse(null), limit, Locales.of(req)));
    }
}
