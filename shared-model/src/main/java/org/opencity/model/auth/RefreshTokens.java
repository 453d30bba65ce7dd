package org.opencity.model.auth;

import org.opencity.model.Bounds;

import java.util.UUID;

/**
 * Trade a refresh token for a new pair; the old one is spent.
 *
 * @param deviceId the device the session was opened on. Optional, but only a client that names it
 *                 may retry a refresh whose answer it lost; any other reuse of a spent token ends
 *                 the session.
 */
public record RefreshTokens(String refreshToken, UUID deviceId) {
    public RefreshTokens {
        Bounds.text("refreshToken", refreshToken, Bounds.TOKEN);
    }
}
