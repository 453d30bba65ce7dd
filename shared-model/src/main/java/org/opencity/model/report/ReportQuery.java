package org.opencity.model.report;

import org.opencity.model.Bounds;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A report to run: group by {@code dimensions} (at most {@value #MAX_DIMENSIONS}), compute
 * {@code measures}, keep only requests whose dimension values are among {@code filters} (codes:
 * district, organisation and category codes, building ids, enum names), filed from {@code from}
 * to {@code to} inclusive (dates in the city's timezone, at most {@value #MAX_DAYS} days; the last
 * 90 days when absent). Missing lists mean none.
 */
public record ReportQuery(List<Dimension> dimensions, List<Measure> measures, Map<Dimension, List<String>> filters,
                          LocalDate from, LocalDate to) {

    public static final int MAX_DIMENSIONS = 4;
    public static final int MAX_FILTER_VALUES = 50;
    public static final int MAX_DAYS = 731;

    public ReportQuery {
        Bounds.size("dimensions", dimensions, Bounds.LIST);
        Bounds.size("measures", measures, Bounds.LIST);
        Bounds.size("filters", filters == null ? null : filters.keySet(), Bounds.LIST);
        if (filters != null) {
            filters.values().forEach(values -> {
                Bounds.size("filters", values, MAX_FILTER_VALUES);
                if (values != null) {
                    values.forEach(value -> Bounds.text("filters", value, Bounds.NAME));
                }
            });
        }
        Bounds.date("from", from);
        Bounds.date("to", to);
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        measures = measures == null ? List.of() : List.copyOf(measures);
        filters = filters == null ? Map.of() : Map.copyOf(filters);
    }
}
