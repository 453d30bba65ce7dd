package org.opencity.backend.open311;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.errors.NotFound;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * HTTP around the Open311 resources: cross-origin reads, and the answer to a method a resource
 * does not take (405 with {@code Allow}) or to a path that is no resource of ours (404), in the
 * Open311 error format.
 */
final class Open311Http {

    private static final HeaderName API_KEY_HEADER = HeaderNames.create("X-Api-Key");
    private static final String PREFIX = "/open311/v2/";
    private static final Pattern WRITABLE = Pattern.compile("(requests|servicerequestupdates)\\.(xml|json)");
    private static final Pattern READABLE = Pattern.compile("(discovery|services|services/[^/]+|requests/[^/]+)\\.(xml|json)");

    private final List<String> corsOrigins;

    Open311Http(List<String> corsOrigins) {
        this.corsOrigins = List.copyOf(corsOrigins);
    }

    /**
     * Browsers on other sites may read the public resources: any origin without a key (the data
     * is public), the configured {@code CORS_ORIGINS} with one. No credentials are ever shared.
     */
    void crossOrigin(ServerRequest req, ServerResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isPresent()) {
            Method method = req.prologue().method();
            boolean read = method == Method.GET || method == Method.HEAD;
            boolean keyless = !req.query().contains("api_key") && !req.headers().contains(API_KEY_HEADER);
            if (read && keyless) {
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            } else if (corsOrigins.contains(origin.get())) {
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
                res.header(HeaderNames.VARY, "Origin");
            }
            res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, Open311Service.TOTAL_COUNT.defaultCase());
        }
        res.next();
    }

    /** A resource we have, asked with a method it does not take, is 405 with what it takes; anything else 404. */
    void noSuchMethodOrResource(ServerRequest req, ServerResponse res) {
        String path = req.prologue().uriPath().path();
        String resource = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        String allow = WRITABLE.matcher(resource).matches() ? "GET, HEAD, POST" : READABLE.matcher(resource).matches() ? "GET, HEAD" : null;
        if (allow == null) {
            throw new NotFound("no Open311 resource at " + path + "; see discovery.xml");
        }
        res.header(HeaderNames.ALLOW, allow);
        Open311Format.ofPath(path).send(req, res, Status.METHOD_NOT_ALLOWED_405,
                                        Open311Errors.document(405, req.prologue().method().text() + " is not answered here; use " + allow));
    }
}
