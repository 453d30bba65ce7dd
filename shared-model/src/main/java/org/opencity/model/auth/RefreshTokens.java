package org.opencity.model.auth;

/** Trade a refresh token for a new pair; the old one is spent. */
public record RefreshTokens(String refreshToken) {
}
