package org.opencity.model.request;

import java.util.List;
import java.util.UUID;

/** What the call centre sees when a caller rings: who they are (if known) and their earlier requests. */
public record CallerHistory(String phone, UUID userId, String name, List<RequestSummary> requests) {
    public CallerHistory {
        requests = List.copyOf(requests);
    }
}
