package org.opencity.backend;

/**
 * A reason the process cannot start that the operator can act on (wrong database address,
 * occupied port, unwritable data folder). {@link Main} prints its message as one line and exits
 * non-zero; the message must therefore say what is wrong and, where possible, what to do.
 */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
