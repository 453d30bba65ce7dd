package org.opencity.model.auth;

import java.time.Instant;

/**
 * A signed-in session: a short-lived access token for {@code Authorization: Bearer}, and a
 * refresh token that is exchanged once for the next pair.
 */
public record Session(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt,
                      Me me) {
}
