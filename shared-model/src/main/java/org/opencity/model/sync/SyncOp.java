package org.opencity.model.sync;

import org.opencity.model.request.ActionRequest;
import org.opencity.model.request.NewRequest;

import java.util.Objects;
import java.util.UUID;

/**
 * One command made offline. {@code opId} identifies it for ever; {@code seq} orders the device's
 * commands (1, 2, 3, ... without gaps). A {@code CREATE_REQUEST} carries {@code request}; an
 * {@code ACTION} carries {@code requestId} and {@code action}.
 */
public record SyncOp(UUID opId, long seq, Type type, NewRequest request, UUID requestId, ActionRequest action) {

    /** What the op does. */
    public enum Type {
        CREATE_REQUEST, ACTION
    }

    public SyncOp {
        Objects.requireNonNull(opId, "opId is required");
        Objects.requireNonNull(type, "type is required");
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
        if (type == Type.CREATE_REQUEST && request == null) {
            throw new IllegalArgumentException("a CREATE_REQUEST op carries the request");
        }
        if (type == Type.ACTION && (requestId == null || action == null)) {
            throw new IllegalArgumentException("an ACTION op carries requestId and action");
        }
    }

    public static SyncOp create(UUID opId, long seq, NewRequest request) {
        return new SyncOp(opId, seq, Type.CREATE_REQUEST, request, null, null);
    }

    public static SyncOp action(UUID opId, long seq, UUID requestId, ActionRequest action) {
        return new SyncOp(opId, seq, Type.ACTION, null, requestId, action);
    }
}
