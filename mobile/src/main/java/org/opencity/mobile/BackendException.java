package org.opencity.mobile;

/** The backend could not be reached or refused the call; the message is fit to show. */
public final class BackendException extends Exception {
    public BackendException(String message) {
        super(message);
    }
}
