package org.opencity.backend.accounts;

/**
 * Sends text messages (sign-in codes). Implementations: {@link HttpSmsGateway} for a real
 * provider, {@link DevSmsGateway} for demos without one.
 */
public interface SmsGateway {

    /** What became of one message. Expected failures are results, not exceptions. */
    sealed interface Result {
        record Sent() implements Result {
        }

        record Failed(String reason) implements Result {
        }
    }

    Result send(String phoneE164, String text);
}
