package org.opencity.backend.open311;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.errors.TooManyRequests;
import org.opencity.backend.web.ProblemResponses;
import org.opencity.model.FieldError;
import org.opencity.model.Problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Failures on {@code /open311/} paths in the GeoReport v2 error format instead of our problem
 * documents: {@code <errors><error><code/><description/></error></errors>}, or the JSON array
 * {@code [{"code": 400, "description": "..."}]}, in the format the path asks for. The status and
 * wording come from the same mapping as everywhere else ({@link ProblemResponses}), except that a
 * missing or bad {@code api_key} is 403, as the spec says, where our API answers 401.
 */
public final class Open311Errors {

    /** The path prefix whose errors this class renders. */
    public static final String PREFIX = "/open311/";

    private Open311Errors() {
    }

    public static boolean owns(ServerRequest req) {
        return req.prologue().uriPath().path().startsWith(PREFIX);
    }

    public static void handle(ServerRequest req, ServerResponse res, Throwable error) {
        if (res.isSent()) {
            return;
        }
        Problem problem = ProblemResponses.problemFor(req, error);
        int status = problem.status() == 401 ? 403 : problem.status();
        if (error instanceof TooManyRequests tmr) {
            res.header(HeaderNames.RETRY_AFTER, Long.toString(Math.max(1, tmr.retryAfter().toSeconds())));
        } else if (status == 503) {
            res.header(HeaderNames.RETRY_AFTER, "5");
        }
        Open311Format.ofPath(req.prologue().uriPath().path()).send(req, res, Status.create(status), document(status, description(problem)));
    }

    static Open311Document document(int code, String description) {
        return new Open311Document("errors", new Open311Document.Items("error", List.of(
                Open311Document.fields().number("code", code).text("description", description).build())));
    }

    private static String description(Problem problem) {
        List<FieldError> errors = problem.errors();
        if (errors.isEmpty()) {
            return problem.detail();
        }
        return errors.stream().map(e -> Open311Params.wireName(e.field()) + ": " + e.message()).collect(Collectors.joining("; "));
    }
}
