package org.opencity.model.auth;

import org.opencity.model.Bounds;
import org.opencity.model.Platform;

import java.util.Objects;
import java.util.UUID;

/**
 * The device a session is bound to, as the client describes it at sign-in. The id is generated
 * once per installation by the client; revoking the device ends every session on it.
 */
public record DeviceInfo(UUID id, Platform platform, String appVersion, String name) {
    public DeviceInfo {
        Objects.requireNonNull(id, "device id is required");
        Objects.requireNonNull(platform, "platform is required");
        Bounds.text("appVersion", appVersion, 40);
        Bounds.text("name", name, 80);
    }
}
