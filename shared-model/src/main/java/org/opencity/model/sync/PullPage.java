package org.opencity.model.sync;

import org.opencity.model.notify.NotificationView;
import org.opencity.model.request.RequestDetail;

import java.util.List;

/**
 * Changes since a cursor: current state of every request that changed in the caller's scope and
 * tombstones for those that left it. {@code reset} means this is a full snapshot (unknown or too
 * old cursor): replace the local copy. Keep pulling while {@code more}; keep {@code cursor}. The
 * last page also carries the newest unread notifications (the same ids as pushes and the inbox).
 */
public record PullPage(List<RequestDetail> requests, List<Tombstone> tombstones, List<NotificationView> notifications, String cursor,
                       boolean more, boolean reset) {
    public PullPage {
        requests = List.copyOf(requests);
        tombstones = List.copyOf(tombstones);
        notifications = notifications == null ? List.of() : List.copyOf(notifications);
    }
}
