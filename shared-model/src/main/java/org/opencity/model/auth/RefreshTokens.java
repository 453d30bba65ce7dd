package org.opencity.model.auth;

import org.opencity.model.Bounds;
/** Trade a refresh token for a new pair; the old one is spent. */
public record RefreshTokens(String refreshToken) {
    public RefreshTokens {
        Bounds.text("refreshToken", refreshToken, Bounds.TOKEN);
    }
}
