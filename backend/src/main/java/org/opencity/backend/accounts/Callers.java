package org.opencity.backend.accounts;

import io.helidon.common.context.Context;
import io.helidon.webserver.http.ServerRequest;
import org.opencity.backend.errors.Unauthorized;

import java.util.Optional;

/** Where the {@link Caller} of a request is kept: the request's context, set by {@code Authentication}. */
public final class Callers {

    private Callers() {
    }

    public static Optional<Caller> of(ServerRequest req) {
        return of(req.context());
    }

    public static Optional<Caller> of(Context context) {
        return context.get(Caller.class, Caller.class);
    }

    /** The caller, or 401 for an anonymous request. */
    public static Caller required(ServerRequest req) {
        return of(req).orElseThrow(() -> new Unauthorized("sign in to do this"));
    }

    static void set(Context context, Caller caller) {
        context.register(Caller.class, caller);
    }
}
