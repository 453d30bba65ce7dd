package org.opencity.model.auth;

import org.opencity.model.Bounds;

import java.util.Objects;

/**
 * Staff sign-in. {@code totpCode} (or a one-time {@code recoveryCode}) is needed when the
 * account has two-factor sign-in on; the first attempt may omit it and learn that it is needed.
 */
public record PasswordLogin(String login, String password, String totpCode, String recoveryCode, DeviceInfo device) {
    public PasswordLogin {
        Objects.requireNonNull(device, "device is required");
        Bounds.text("login", login, 100);
        Bounds.text("password", password, 200);
        Bounds.text("totpCode", totpCode, Bounds.SHORT);
        Bounds.text("recoveryCode", recoveryCode, Bounds.SHORT);
    }
}
