package org.opencity.model.report;

import java.time.LocalDate;
import java.util.List;

/** The public ratings of organisations for a period (requests filed from {@code from} to {@code to} inclusive). */
public record Ratings(String period, LocalDate from, LocalDate to, int minimumRequests, String method,
                      List<OrganisationRating> organisations) {

    /** How the composite score is made; shown to the public next to the table. */
    public static final String METHOD = "Each indicator becomes a score from 0 to 1: share of requests resolved on time as is; "
            + "average rating (r - 1) / 4; reopen rate as 1 - rate; requests per 1,000 flats under management as 1 - "
            + "(x - lowest) / (highest - lowest) among the rated organisations that manage flats. The composite is the "
            + "weighted mean (on time 40 %, rating 30 %, reopen 20 %, requests per 1,000 flats 10 %) of the indicators "
            + "an organisation has, times 100. Organisations are ranked by it, highest first; those with fewer requests "
            + "than the minimum are marked and ranked after all others.";
}
