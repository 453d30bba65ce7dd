package org.opencity.model.report;

/**
 * One organisation in the public ratings for a period. {@code score} is the composite (0–100, see
 * {@link Ratings#METHOD}); organisations with fewer requests than the threshold are marked
 * {@code tooFewRequests} and ranked after all others. Null values had nothing to measure.
 */
public record OrganisationRating(int rank, String code, String name, String kind, long requests, Double averageRating,
                                 Double onTimePct, Double reopenRatePct, Double requestsPer1000Flats, Double score,
                                 boolean tooFewRequests) {
}
