package org.opencity.model.auth;

import org.opencity.model.Bounds;
/** A code from the authenticator app. */
public record TotpCode(String code) {
    public TotpCode {
        Bounds.text("code", code, Bounds.SHORT);
    }
}
