package org.opencity.model.request;

import java.util.List;
import java.util.Map;

/** One page of a request search with the number of matching requests per status. */
public record RequestList(List<RequestSummary> items, String next, Map<Status, Long> counts) {
    public RequestList {
        items = List.copyOf(items);
        counts = Map.copyOf(counts);
    }
}
