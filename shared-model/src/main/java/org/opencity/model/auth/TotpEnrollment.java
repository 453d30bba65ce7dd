package org.opencity.model.auth;

/** A new authenticator secret (base32) and the {@code otpauth://} URI for a QR code. */
public record TotpEnrollment(String secret, String otpauthUri) {
}
