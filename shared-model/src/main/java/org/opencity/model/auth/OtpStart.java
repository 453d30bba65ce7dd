package org.opencity.model.auth;

/** A resident asks for a one-time sign-in code by SMS. */
public record OtpStart(String phone, String locale) {
}
