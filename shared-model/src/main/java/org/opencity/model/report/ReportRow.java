package org.opencity.model.report;

import java.util.Map;

/**
 * One line of a report: the values of its dimensions (in the report's order) and of its columns
 * (null where there was nothing to measure). {@code weakLink} is the organisation's slowest stage
 * — ACCEPT, START or COMPLETE with the longest median — when the report asks for stage medians
 * (CONFIRM is the resident's time, not the organisation's); null otherwise.
 */
public record ReportRow(Map<String, String> dimensions, Map<String, Double> values, String weakLink) {
}
