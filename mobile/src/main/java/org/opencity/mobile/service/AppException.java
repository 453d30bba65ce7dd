package org.opencity.mobile.service;

/** Why something the user asked for could not be done now: no network, the server said no (or
 * said it clashes with what it holds), or a new sign-in is needed. */
public final class AppException extends Exception {

    public enum Kind {
        NETWORK, REFUSED, SIGN_IN,
        /** The server refused because of a clash with what it holds (HTTP 409). */
        CONFLICT
    }

    private final Kind kind;

    public AppException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
