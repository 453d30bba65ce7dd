package org.opencity.model.report;

/**
 * What a report computes for each group of requests (those filed in the date range). Percentages
 * are 0–100, durations in minutes of the stage's own time (working time, or clock time for
 * emergencies and the resident's confirmation window); a value is null where nothing was there to
 * measure. Per-stage measures give one column per stage ({@code STAGE_P90_MINUTES.COMPLETE}).
 * <ul>
 * <li>COUNT: requests filed.</li>
 * <li>RESOLVED_PCT: share now DONE or CLOSED.</li>
 * <li>RESOLVED_ON_TIME_PCT: share now DONE or CLOSED with no stage (ACCEPT, START, COMPLETE) past its due time.</li>
 * <li>OVERDUE_COUNT: requests with a stage that ended past due, or that is running past due now.</li>
 * <li>REOPEN_RATE_PCT: requests disputed at least once, out of those ever completed.</li>
 * <li>AVG_RATING: mean of the residents' ratings (1–5).</li>
 * <li>STAGE_ON_TIME_PCT: stages that moved the request on by their due time, out of those that moved it on plus those
 * running past due now.</li>
 * <li>STAGE_MEDIAN_MINUTES, STAGE_P90_MINUTES: duration of stages that moved the request on (not rejected or cancelled).</li>
 * </ul>
 */
public enum Measure {
    COUNT, RESOLVED_PCT, RESOLVED_ON_TIME_PCT, OVERDUE_COUNT, REOPEN_RATE_PCT, AVG_RATING,
    STAGE_ON_TIME_PCT, STAGE_MEDIAN_MINUTES, STAGE_P90_MINUTES;

    public boolean perStage() {
        return name().startsWith("STAGE_");
    }
}
