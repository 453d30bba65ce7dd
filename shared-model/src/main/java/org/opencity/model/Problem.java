package org.opencity.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Objects;

/**
 * The one error body every API answers with (RFC 9457 "problem details" plus field errors and
 * the request id that also appears in the server's log lines). Never carries a stack trace.
 *
 * @param type      a stable URI-like identifier of the kind of problem, e.g. {@code /problems/validation}
 * @param title     a short summary of the kind of problem, the same for every occurrence
 * @param status    the HTTP status code
 * @param detail    what went wrong this time, safe to show to the user
 * @param requestId the id of the request, to be quoted to support
 * @param errors    field errors for validation problems, empty otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String requestId, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem has a 4xx or 5xx status, not " + status);
        }
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
