package org.opencity.model.report;

import java.time.LocalDate;
import java.util.List;

/**
 * A report's answer. {@code rows} are what the caller may see (an organisation's staff: only its
 * own requests); {@code cityAverage} is the same measures over the whole city with the same
 * filters except organisation and organisation type, for comparison. {@code truncated} says rows
 * stopped at the limit.
 */
public record ReportResult(List<Dimension> dimensions, List<String> columns, List<ReportRow> rows, ReportRow cityAverage,
                           LocalDate from, LocalDate to, boolean truncated) {
}
