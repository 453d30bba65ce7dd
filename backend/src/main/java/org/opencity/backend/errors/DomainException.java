package org.opencity.backend.errors;

import org.opencity.model.FieldError;

import java.util.List;

/**
 * An expected failure that the caller must hear about: rendered once, in routing, as a JSON
 * problem with this status, type and title. The message is the problem's {@code detail} and is
 * shown to users, so it must never contain secrets or internal names.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound, ValidationFailed, Conflict, Unauthorized, Forbidden, TooManyRequests, Unavailable, BadRequest {

    protected DomainException(String detail) {
        super(detail, null, false, false);
    }

    /** HTTP status of the problem. */
    public abstract int status();

    /** Stable identifier of the kind of problem, e.g. {@code /problems/not-found}. */
    public abstract String type();

    /** Short, fixed summary of the kind of problem. */
    public abstract String title();

    /** Field errors, for validation problems. */
    public List<FieldError> errors() {
        return List.of();
    }
}
