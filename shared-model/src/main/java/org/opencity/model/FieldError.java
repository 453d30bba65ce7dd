package org.opencity.model;

import java.util.Objects;

/**
 * One rejected input field: {@code field} is a JSON-pointer-like path ({@code location.lat},
 * {@code photos[2].sha256}), {@code code} a stable machine-readable reason, {@code message}
 * a human-readable explanation in English.
 */
public record FieldError(String field, String code, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
