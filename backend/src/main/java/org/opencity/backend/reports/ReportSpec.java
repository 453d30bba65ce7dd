package org.opencity.backend.reports;

import org.opencity.backend.errors.ValidationFailed;
import org.opencity.model.FieldError;
import org.opencity.model.OrganisationKind;
import org.opencity.model.SlaStage;
import org.opencity.model.report.Dimension;
import org.opencity.model.report.Measure;
import org.opencity.model.report.ReportQuery;
import org.opencity.model.request.Channel;
import org.opencity.model.request.ReporterType;
import org.opencity.model.request.Status;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A {@link ReportQuery} checked against the limits, with its defaults filled in and each
 * dimension's SQL expression from a fixed table: values only ever reach SQL as bound parameters.
 */
record ReportSpec(List<Dimension> dimensions, List<Measure> measures, Map<Dimension, List<String>> filters, LocalDate from,
                  LocalDate to) {

    static final int DEFAULT_DAYS = 90;

    /**
     * The SQL a dimension groups by, over {@code r} ({@code report_fact}, or {@code report_day} for
     * the dimensions it keeps) and, for the organisation
     * type only, {@code o} (its organisation): ids and dates, so that grouping needs no joins.
     */
    static String key(Dimension d) {
        return switch (d) {
            case CITY -> "r.city_id";
            case DISTRICT -> "r.district_id";
            case BUILDING -> "r.building_id";
            case ORGANISATION -> "r.organisation_id";
            case ORGANISATION_TYPE -> "o.kind";
            case CATEGORY -> "r.category_id";
            case CHANNEL -> "r.channel";
            case REPORTER_TYPE -> "r.reporter_type";
            case STATUS -> "r.status";
            case DAY -> "r.day";
            case WEEK -> "CAST(date_trunc('week', CAST(r.day AS timestamp)) AS date)";
            case MONTH -> "CAST(date_trunc('month', CAST(r.day AS timestamp)) AS date)";
            case QUARTER -> "CAST(date_trunc('quarter', CAST(r.day AS timestamp)) AS date)";
        };
    }

    /** The SQL of the value a report shows for a group's {@link #key} {@code k}: codes, enum names, periods as text. */
    static String label(Dimension d, String k) {
        return switch (d) {
            case CITY -> "(SELECT code FROM city WHERE id = " + k + ")";
            case DISTRICT -> "(SELECT code FROM district WHERE id = " + k + ")";
            case BUILDING -> "CAST(" + k + " AS text)";
            case ORGANISATION -> "(SELECT code FROM organisation WHERE id = " + k + ")";
            case CATEGORY -> "(SELECT code FROM service_category WHERE id = " + k + ")";
            case ORGANISATION_TYPE, CHANNEL, REPORTER_TYPE, STATUS -> k;
            case DAY -> "to_char(" + k + ", 'YYYY-MM-DD')";
            case WEEK -> "to_char(" + k + ", 'IYYY-\"W\"IW')";
            case MONTH -> "to_char(" + k + ", 'YYYY-MM')";
            case QUARTER -> "to_char(" + k + ", 'YYYY-\"Q\"Q')";
        };
    }

    /** The SQL condition that keeps the facts whose dimension value is one of {@code values} (bound parameter names). */
    static String filter(Dimension d, String values) {
        return switch (d) {
            case CITY -> "r.city_id IN (SELECT id FROM city WHERE code IN (" + values + "))";
            case DISTRICT -> "r.district_id IN (SELECT id FROM district WHERE code IN (" + values + "))";
            case BUILDING -> "CAST(r.building_id AS text) IN (" + values + ")";
            case ORGANISATION -> "r.organisation_id IN (SELECT id FROM organisation WHERE code IN (" + values + "))";
            case ORGANISATION_TYPE -> "r.organisation_id IN (SELECT id FROM organisation WHERE kind IN (" + values + "))";
            case CATEGORY -> "r.category_id IN (SELECT id FROM service_category WHERE code IN (" + values + "))";
            case CHANNEL -> "r.channel IN (" + values + ")";
            case REPORTER_TYPE -> "r.reporter_type IN (" + values + ")";
            case STATUS -> "r.status IN (" + values + ")";
            case DAY, WEEK, MONTH, QUARTER -> throw new IllegalArgumentException("periods are filtered by from and to");
        };
    }

    /** The dimensions the daily rollup ({@code report_day}) keeps. */
    static final Set<Dimension> ROLLED_UP = EnumSet.of(Dimension.CITY, Dimension.DISTRICT, Dimension.ORGANISATION,
                                                      Dimension.ORGANISATION_TYPE, Dimension.CATEGORY, Dimension.DAY, Dimension.WEEK,
                                                      Dimension.MONTH, Dimension.QUARTER);

    /** Whether the daily rollup can answer this report's counts: grouped and filtered only by dimensions it keeps. */
    boolean rolledUp() {
        return ROLLED_UP.containsAll(dimensions) && ROLLED_UP.containsAll(filters.keySet());
    }

    /** The report's columns: one per measure, per-stage measures one per stage. */
    List<String> columns() {
        List<String> columns = new ArrayList<>();
        for (Measure m : measures) {
            if (m.perStage()) {
                for (SlaStage s : SlaStage.values()) {
                    columns.add(m.name() + "." + s.name());
                }
            } else {
                columns.add(m.name());
            }
        }
        return columns;
    }

    /** This spec without filters on who is responsible (for the city average). */
    ReportSpec cityWide() {
        Map<Dimension, List<String>> rest = new EnumMap<>(Dimension.class);
        filters.forEach((d, v) -> {
            if (d != Dimension.ORGANISATION && d != Dimension.ORGANISATION_TYPE) {
                rest.put(d, v);
            }
        });
        return new ReportSpec(List.of(), measures, rest, from, to);
    }

    static ReportSpec of(ReportQuery q, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (q.dimensions().size() > ReportQuery.MAX_DIMENSIONS) {
            errors.add(new FieldError("dimensions", "too-many", "at most " + ReportQuery.MAX_DIMENSIONS + " dimensions"));
        }
        if (q.dimensions().stream().distinct().count() < q.dimensions().size()) {
            errors.add(new FieldError("dimensions", "repeated", "each dimension once"));
        }
        if (q.dimensions().stream().filter(Dimension::period).count() > 1) {
            errors.add(new FieldError("dimensions", "periods", "at most one of DAY, WEEK, MONTH, QUARTER"));
        }
        if (q.measures().isEmpty()) {
            errors.add(new FieldError("measures", "required", "choose at least one measure"));
        }
        if (q.measures().stream().distinct().count() < q.measures().size()) {
            errors.add(new FieldError("measures", "repeated", "each measure once"));
        }
        Map<Dimension, List<String>> filters = new EnumMap<>(Dimension.class);
        q.filters().forEach((d, values) -> {
            String field = "filters." + d;
            if (d.period()) {
                errors.add(new FieldError(field, "period", "filter periods with from and to"));
                return;
            }
            List<String> clean = values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank())
                    .map(String::strip).distinct().toList();
            if (clean.size() > ReportQuery.MAX_FILTER_VALUES) {
                errors.add(new FieldError(field, "too-many", "at most " + ReportQuery.MAX_FILTER_VALUES + " values"));
                return;
            }
            for (String v : clean) {
                if (!valid(d, v)) {
                    errors.add(new FieldError(field, "unknown", "not a " + d.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + ": " + (v.length() > 40 ? v.substring(0, 40) : v)));
                    return;
                }
            }
            if (!clean.isEmpty()) {
                filters.put(d, clean);
            }
        });
        LocalDate to = q.to() != null ? q.to() : today;
        LocalDate from = q.from() != null ? q.from() : to.minusDays(DEFAULT_DAYS - 1);
        if (from.isAfter(to)) {
            errors.add(new FieldError("from", "order", "from must not be after to"));
        } else if (ChronoUnit.DAYS.between(from, to) + 1 > ReportQuery.MAX_DAYS) {
            errors.add(new FieldError("to", "span", "at most " + ReportQuery.MAX_DAYS + " days"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return new ReportSpec(q.dimensions(), q.measures(), filters, from, to);
    }

    private static boolean valid(Dimension d, String v) {
        return switch (d) {
            case CHANNEL -> isEnum(Channel.class, v);
            case REPORTER_TYPE -> isEnum(ReporterType.class, v);
            case STATUS -> isEnum(Status.class, v);
            case ORGANISATION_TYPE -> isEnum(OrganisationKind.class, v);
            case BUILDING -> {
                try {
                    UUID.fromString(v);
                    yield true;
                } catch (IllegalArgumentException e) {
                    yield false;
                }
            }
            default -> v.length() <= 40;
        };
    }

    private static <E extends Enum<E>> boolean isEnum(Class<E> type, String v) {
        try {
            Enum.valueOf(type, v);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
