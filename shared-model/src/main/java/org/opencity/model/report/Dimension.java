package org.opencity.model.report;

/**
 * What a report can group and filter by. The period dimensions (day to quarter) group by when a
 * request was filed, in the city's timezone; a report uses at most one of them and filters
 * periods by its date range instead.
 */
public enum Dimension {
    CITY, DISTRICT, BUILDING, ORGANISATION, ORGANISATION_TYPE, CATEGORY, CHANNEL, REPORTER_TYPE, STATUS,
    DAY, WEEK, MONTH, QUARTER;

    public boolean period() {
        return this == DAY || this == WEEK || this == MONTH || this == QUARTER;
    }
}
