package org.opencity.model.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to {@link OtpStart}: the same shape whether or not the number is known. The code
 * must be entered together with this challenge id before {@code expiresAt}.
 */
public record OtpChallenge(UUID challengeId, Instant expiresAt, int codeLength) {
}
