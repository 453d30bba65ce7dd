package org.opencity.model.auth;

/** A code from the authenticator app. */
public record TotpCode(String code) {
}
