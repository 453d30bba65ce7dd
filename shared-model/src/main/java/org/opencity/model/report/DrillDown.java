package org.opencity.model.report;

import java.util.List;

/** A page of the requests behind a report's figure; {@code next} is the cursor of the following page, null at the end. */
public record DrillDown(List<DrillDownItem> items, String next) {

    public DrillDown {
        items = List.copyOf(items);
    }
}
