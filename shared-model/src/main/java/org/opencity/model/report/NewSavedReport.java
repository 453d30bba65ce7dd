package org.opencity.model.report;

import org.opencity.model.Bounds;
/** Saving a report: a name (1–100 characters) and the query. */
public record NewSavedReport(String name, ReportQuery query) {
    public NewSavedReport {
        Bounds.text("name", name, Bounds.NAME);
    }
}
