package org.opencity.model.sync;

import org.opencity.model.request.RequestDetail;

import java.util.List;

/**
 * Changes since a cursor: current state of every request that changed in the caller's scope and
 * tombstones for those that left it. {@code reset} means this is a full snapshot (unknown or too
 * old cursor): replace the local copy. Keep pulling while {@code more}; keep {@code cursor}.
 */
public record PullPage(List<RequestDetail> requests, List<Tombstone> tombstones, String cursor, boolean more,
                       boolean reset) {
    public PullPage {
        requests = List.copyOf(requests);
        tombstones = List.copyOf(tombstones);
    }
}
