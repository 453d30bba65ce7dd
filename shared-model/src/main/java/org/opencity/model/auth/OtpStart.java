package org.opencity.model.auth;

import org.opencity.model.Bounds;
/** A resident asks for a one-time sign-in code by SMS. */
public record OtpStart(String phone, String locale) {
    public OtpStart {
        Bounds.text("phone", phone, Bounds.SHORT);
        Bounds.text("locale", locale, Bounds.SHORT);
    }
}
