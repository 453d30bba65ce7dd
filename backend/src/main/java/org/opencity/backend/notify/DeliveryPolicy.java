package org.opencity.backend.notify;

import org.opencity.model.notify.NotificationKind;

import java.time.Duration;
import java.util.Optional;

/**
 * How each kind of notification travels: how long a push is worth delivering (after that the
 * provider drops it and the sender gives up; the inbox keeps it), whether it wakes the phone at
 * once, and which collapse key lets a newer push replace an older one while the phone is offline.
 * Job assignments are high priority and never collapse: every new job must be seen.
 */
record DeliveryPolicy(Duration ttl, boolean highPriority, Optional<String> collapseKey) {

    static DeliveryPolicy of(NotificationKind kind) {
        return switch (kind) {
            case JOB_ASSIGNED -> new DeliveryPolicy(Duration.ofDays(1), true, Optional.empty());
            case JOB_CANCELLED, JOB_TAKEN_AWAY, JOB_CHANGED, OFFLINE_WORK_KEPT ->
                    new DeliveryPolicy(Duration.ofDays(1), false, Optional.of("job"));
            case DEADLINE_NEAR -> new DeliveryPolicy(Duration.ofHours(2), true, Optional.of("deadline"));
            case OVERDUE -> new DeliveryPolicy(Duration.ofHours(12), true, Optional.of("deadline"));
            case TRIAGE_ITEM, NEEDS_ATTENTION -> new DeliveryPolicy(Duration.ofHours(12), false, Optional.of("dispatch"));
            case CONFIRM_AND_RATE -> new DeliveryPolicy(Duration.ofDays(3), false, Optional.of("rate"));
            case REQUEST_ACCEPTED, TECHNICIAN_ASSIGNED, REQUEST_REOPENED, REQUEST_CLOSED, REQUEST_CANCELLED,
                 ORGANISATION_COMMENT, REQUEST_MERGED, FOLLOWED_REQUEST_UPDATE -> new DeliveryPolicy(Duration.ofDays(2), false, Optional.of("request"));
        };
    }
}
