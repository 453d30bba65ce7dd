package org.opencity.model.report;

import java.time.LocalDate;
import java.util.List;

/**
 * A report's answer. {@code rows} are what the caller may see (an organisation's staff: only its
 * own requests); {@code cityAverage} is the same measures over the whole city with the same
 * filters except organisation and organisation type, for comparison. {@code truncated} says rows
 * stopped at the limit. {@code approximatePercentiles} says stage medians and 90th percentiles
 * (of the rows or the city average) were read from duration histograms, within 1.6 % of the exact
 * values, because the slice was too big to sort every duration in time.
 */
public record ReportResult(List<Dimension> dimensions, List<String> columns, List<ReportRow> rows, ReportRow cityAverage,
                           LocalDate from, LocalDate to, boolean truncated, boolean approximatePercentiles) {
}
