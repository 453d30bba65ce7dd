package org.opencity.model.report;

import java.util.Map;

/**
 * One line of a report: the values of its dimensions (in the report's order) and of its columns
 * (null where there was nothing to measure).
 */
public record ReportRow(Map<String, String> dimensions, Map<String, Double> values) {
}
