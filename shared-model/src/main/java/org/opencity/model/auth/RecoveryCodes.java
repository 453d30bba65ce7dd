package org.opencity.model.auth;

import java.util.List;

/** One-time recovery codes, shown once when two-factor sign-in is turned on. */
public record RecoveryCodes(List<String> codes) {
    public RecoveryCodes {
        codes = List.copyOf(codes);
    }
}
