package org.opencity.model.report;

/** Saving a report: a name (1–100 characters) and the query. */
public record NewSavedReport(String name, ReportQuery query) {
}
