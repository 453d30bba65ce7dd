package org.opencity.model.sync;

import java.util.List;

/**
 * Results of a push, in op order, up to the first gap in sequence numbers (if any):
 * {@code lastSeq} is the device's last applied sequence; ops after {@code gapAfter} were not
 * looked at and must be sent again after the missing ones.
 */
public record PushResult(List<OpResult> results, long lastSeq, Long gapAfter) {
    public PushResult {
        results = List.copyOf(results);
    }
}
