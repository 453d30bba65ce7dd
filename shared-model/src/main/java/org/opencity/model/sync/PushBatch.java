package org.opencity.model.sync;

import org.opencity.model.Bounds;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Commands a device sends in order, oldest first, with the device's clock at sending (used only
 * to flag a skewed device clock, never for deadlines).
 */
public record PushBatch(Instant sentAt, List<SyncOp> ops) {

    /** Most ops in one batch. */
    public static final int MAX_OPS = 200;

    public PushBatch {
        Objects.requireNonNull(ops, "ops are required");
        Bounds.instant("sentAt", sentAt);
        if (ops.isEmpty() || ops.size() > MAX_OPS) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_OPS + " ops");
        }
        ops = List.copyOf(ops);
    }
}
