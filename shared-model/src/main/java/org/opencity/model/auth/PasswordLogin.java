package org.opencity.model.auth;

import java.util.Objects;

/**
 * Staff sign-in. {@code totpCode} (or a one-time {@code recoveryCode}) is needed when the
 * account has two-factor sign-in on; the first attempt may omit it and learn that it is needed.
 */
public record PasswordLogin(String login, String password, String totpCode, String recoveryCode, DeviceInfo device) {
    public PasswordLogin {
        Objects.requireNonNull(device, "device is required");
        if (login != null && login.length() > 100) {
            throw new IllegalArgumentException("login is at most 100 characters");
        }
        if (password != null && password.length() > 200) {
            throw new IllegalArgumentException("password is at most 200 characters");
        }
    }
}
