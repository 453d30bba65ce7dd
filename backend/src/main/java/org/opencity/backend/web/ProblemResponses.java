package org.opencity.backend.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.http.media.ReadableEntityBase;
import io.helidon.http.media.UnsupportedTypeException;
import io.helidon.http.media.jackson.JacksonRuntimeException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.errors.DomainException;
import org.opencity.backend.errors.TooManyRequests;
import org.opencity.model.Bounds;
import org.opencity.model.FieldError;
import org.opencity.model.Problem;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Renders every failure as one {@link Problem} body, so clients parse one format and never see
 * a stack trace: domain exceptions with their own status, unreadable JSON as 400 with the
 * offending field, input refused at the edge (no body, a null body, another media type, text that
 * cannot be stored, a value beyond its bound, data the database refuses) as 400, 409 or 415
 * without a stack trace in the log, an unreachable or overloaded database as 503 with
 * {@code Retry-After}, and anything unexpected as a 500 that is logged in full on the server
 * under the request id.
 */
public final class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class.getName());

    private ProblemResponses() {
    }

    /** Error handler for everything thrown while routing a request. */
    public static void handle(ServerRequest req, ServerResponse res, Throwable error) {
        String requestId = RequestIds.of(req).orElseGet(RequestIds::newId);
        Problem problem = toProblem(error, requestId, req);
        if (error instanceof TooManyRequests tmr) {
            res.header(HeaderNames.RETRY_AFTER, Long.toString(Math.max(1, tmr.retryAfter().toSeconds())));
        } else if (problem.status() == 503) {
            res.header(HeaderNames.RETRY_AFTER, "5");
        }
        send(res, problem);
    }

    /** The problem an error amounts to (logged as {@link #handle} logs it), for routes that render errors in another format. */
    public static Problem problemFor(ServerRequest req, Throwable error) {
        return toProblem(error, RequestIds.of(req).orElseGet(RequestIds::newId), req);
    }

    public static void send(ServerResponse res, Problem problem) {
        if (res.isSent()) {
            return;
        }
        res.status(Status.create(problem.status()));
        res.header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Json.bytes(problem));
    }

    static Problem toProblem(Throwable error, String requestId, ServerRequest req) {
        if (error instanceof DomainException de) {
            return new Problem(de.type(), de.title(), de.status(), de.getMessage(), requestId, de.errors());
        }
        String locale = Locales.of(req);
        Optional<Problem> refused = refusedAtTheEdge(error, requestId, locale, req);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<JsonProcessingException> json = cause(error, JsonProcessingException.class);
        if (error instanceof JacksonRuntimeException || json.isPresent()) {
            return json.map(j -> unreadableJson(j, requestId, locale))
                    .orElseGet(() -> problem("/problems/bad-request", "Bad request", 400,
                                             ProblemTexts.text(locale, "body.unreadable"), requestId));
        }
        if (transientDatabaseFailure(error)) {
            LOG.log(Level.WARNING, "database unavailable for " + req.prologue().method() + " "
                    + req.prologue().uriPath().path() + ": " + rootMessage(error));
            return problem("/problems/unavailable", "Service unavailable", 503,
                           "the service is temporarily unable to reach its database; retry shortly", requestId);
        }
        if (error instanceof HttpException he && he.status().code() < 500) {
            int code = he.status().code();
            String title = he.status().reasonPhrase();
            return problem("/problems/" + slug(title), title, code, safeMessage(he, code), requestId);
        }
        LOG.log(Level.SEVERE, "unexpected failure of " + req.prologue().method() + " " + req.prologue().uriPath().path(), error);
        return problem("/problems/internal", "Internal error", 500,
                       "an unexpected error occurred; quote the request id to support", requestId);
    }

    /** Transport-level failures (malformed request line, payload too large) answered before routing. */
    public static DirectHandler directHandler() {
        return new DirectHandler() {
            @Override
            public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                            ServerResponseHeaders headers, String message) {
                Status effective = status == null ? eventType.defaultStatus() : status;
                String title = effective.reasonPhrase();
                String detail = effective.code() == 413 || eventType == EventType.PAYLOAD_TOO_LARGE
                        ? "the request body is larger than the server accepts"
                        : effective.code() == 431 ? "the request headers are too large"
                        : effective.code() == 414 ? "the request line (path and query) is too long"
                        : eventType == EventType.BAD_REQUEST ? "the request is malformed"
                        : title.toLowerCase(Locale.ROOT);
                Problem problem = problem("/problems/" + slug(title), title, Math.max(400, effective.code()), detail,
                                          RequestIds.newId());
                return TransportResponse.builder()
                        .status(effective)
                        .headers(headers)
                        .header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .entity(Json.bytes(problem))
                        .keepAlive(eventType.keepAlive())
                        .build();
            }
        };
    }

    /**
     * Input refused before any handler could use it: no body, a {@code null} body, another media
     * type, text that cannot be stored, a value beyond a bound, or one the database refused as
     * data (SQLState class 22) or as breaking a constraint (class 23). Expected, so logged in at
     * most one short line and never with a stack trace.
     */
    private static Optional<Problem> refusedAtTheEdge(Throwable error, String requestId, String locale, ServerRequest req) {
        if (error instanceof UnsupportedTypeException) {
            return Optional.of(problem("/problems/unsupported-media-type", "Unsupported media type", 415,
                                       ProblemTexts.text(locale, "media.unsupported"), requestId));
        }
        if (error instanceof JsonBodies.NullBody) {
            return Optional.of(problem("/problems/bad-request", "Bad request", 400, ProblemTexts.text(locale, "body.null"), requestId));
        }
        if (noEntity(error)) {
            return Optional.of(problem("/problems/bad-request", "Bad request", 400, ProblemTexts.text(locale, "body.empty"), requestId));
        }
        Optional<Bounds.Violation> bound = cause(error, Bounds.Violation.class);
        if (bound.isPresent()) {
            Bounds.Violation v = bound.get();
            // a nested record names its own field; the path says where that record sits
            String field = cause(error, com.fasterxml.jackson.databind.JsonMappingException.class).map(ProblemResponses::path)
                    .filter(p -> !p.isEmpty()).map(p -> p + "." + v.field()).orElse(v.field());
            return Optional.of(validation(requestId, locale, new FieldError(
                    field, v.rule(), ProblemTexts.text(locale, "field." + v.rule(), v.limit()))));
        }
        Optional<SafeTextJsonFactory.UnsafeText> unsafe = cause(error, SafeTextJsonFactory.UnsafeText.class);
        if (unsafe.isPresent()) {
            return Optional.of(validation(requestId, locale, new FieldError(unsafe.get().field(), "characters",
                                                                             ProblemTexts.text(locale, "field.characters"))));
        }
        return refusedByTheDatabase(error).map(state -> {
            LOG.warning(() -> "refused by the database (SQLState " + state + ") for " + req.prologue().method()
                    + " " + req.prologue().uriPath().path() + ", request " + requestId);
            return statusOfRefusal(state) == 409
                    ? problem("/problems/conflict", "Conflict", 409, ProblemTexts.text(locale, "data.conflict"), requestId)
                    : problem("/problems/bad-request", "Bad request", 400, ProblemTexts.text(locale, "data.invalid"), requestId);
        });
    }

    /** The SQLState of a refusal of the input by the database: class 22 (data exception) or 23 (integrity constraint). */
    static Optional<String> refusedByTheDatabase(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /** 409 when the input conflicts with stored data (unique, foreign key, exclusion); 400 for bad data and broken checks. */
    static int statusOfRefusal(String state) {
        return state.startsWith("23") && !state.equals("23514") ? 409 : 400;
    }

    /** Helidon's answer to reading a body that is not there. */
    private static boolean noEntity(Throwable error) {
        return error instanceof IllegalStateException && error.getStackTrace().length > 0
                && error.getStackTrace()[0].getClassName().startsWith(ReadableEntityBase.class.getName());
    }

    private static Problem validation(String requestId, String locale, FieldError error) {
        return new Problem("/problems/validation", "Invalid input", 400, ProblemTexts.text(locale, "field.invalid"), requestId,
                           List.of(error));
    }

    private static Problem unreadableJson(JsonProcessingException e, String requestId, String locale) {
        if (e instanceof UnrecognizedPropertyException u) {
            return new Problem("/problems/validation", "Invalid input", 400, "unknown field '" + u.getPropertyName() + "'",
                               requestId, List.of(new FieldError(path(u), "unknown", "this field is not accepted")));
        }
        if (e instanceof InvalidFormatException f) {
            return new Problem("/problems/validation", "Invalid input", 400, "a field has the wrong format", requestId,
                               List.of(new FieldError(path(f), "format",
                                                      "expected " + f.getTargetType().getSimpleName())));
        }
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException jm) {
            // record constructors validate: their message is meant for the caller and names the field first
            Optional<Throwable> invalid = Optional.ofNullable(jm.getCause())
                    .filter(c -> c instanceof IllegalArgumentException || c instanceof NullPointerException);
            if (invalid.isPresent() || (e instanceof MismatchedInputException && !jm.getPath().isEmpty())) {
                String message = invalid.map(Throwable::getMessage).orElseGet(() -> ProblemTexts.text(locale, "field.type"));
                String field = !jm.getPath().isEmpty() ? path(jm)
                        : message.matches("[a-zA-Z]+\\b.*") ? message.split("\\b", 2)[0] : "body";
                return new Problem("/problems/validation", "Invalid input", 400, "a field is invalid", requestId,
                                   List.of(new FieldError(field, "invalid", message)));
            }
        }
        return problem("/problems/bad-request", "Bad request", 400, ProblemTexts.text(locale, "body.unreadable"), requestId);
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    static boolean transientDatabaseFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException) {
                return true;  // includes the pool's "connection is not available" timeout
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection failures, 57P01-57P03: server shutting down or starting,
                // 57014: statement timeout, 53: insufficient resources, 55P03: lock timeout
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("57014")
                        || state.startsWith("53") || state.equals("55P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String safeMessage(HttpException e, int code) {
        return code == 404 ? "no such resource" : code == 405 ? "this method is not allowed here"
                : Optional.ofNullable(e.getMessage()).filter(m -> m.length() < 200 && !m.contains("Exception"))
                .orElse("the request cannot be processed");
    }

    private static Problem problem(String type, String title, int status, String detail, String requestId) {
        return new Problem(type, title, status, detail, requestId, List.of());
    }

    private static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static <T extends Throwable> Optional<T> cause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
