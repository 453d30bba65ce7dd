package org.opencity.model.auth;

import java.time.Instant;

/**
 * A browser's signed-in session. The tokens themselves travel only in {@code HttpOnly} cookies,
 * never in a body script can read; the page learns who is signed in and when to refresh.
 */
public record WebSession(Me me, Instant accessExpiresAt, Instant refreshExpiresAt) {
}
