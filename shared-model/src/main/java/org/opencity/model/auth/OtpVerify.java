package org.opencity.model.auth;

import org.opencity.model.Bounds;

import java.util.Objects;
import java.util.UUID;

/** The code from the SMS, for the challenge it was sent for. */
public record OtpVerify(UUID challengeId, String code, DeviceInfo device) {
    public OtpVerify {
        Objects.requireNonNull(challengeId, "challengeId is required");
        Objects.requireNonNull(device, "device is required");
        Bounds.text("code", code, Bounds.SHORT);
    }
}
