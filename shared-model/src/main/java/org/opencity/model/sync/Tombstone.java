package org.opencity.model.sync;

import java.util.UUID;

/** A request that left the caller's scope (job reassigned, request merged): remove it locally. */
public record Tombstone(UUID requestId, String reason) {
}
