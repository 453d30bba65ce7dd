package org.opencity.backend.notify;

import java.time.Duration;
import java.util.Optional;

/** What became of one push. */
public sealed interface PushOutcome {

    /** Accepted by the provider; {@code providerId} is its message id. */
    record Sent(String providerId) implements PushOutcome {
    }

    /** Try again later (an outage, a quota, a timeout); not before {@code notBefore} when the provider said so. */
    record Retry(String reason, Optional<Duration> notBefore) implements PushOutcome {
    }

    /** The token will never work again (uninstalled app, token of another project): delete it. */
    record TokenDead(String reason) implements PushOutcome {
    }

    /** This message can never be sent as it is (e.g. the provider refused its payload). */
    record Failed(String reason) implements PushOutcome {
    }
}
