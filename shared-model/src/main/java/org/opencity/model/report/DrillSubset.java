package org.opencity.model.report;

/**
 * Which requests of a report's cell a drill-down lists: those a figure counts. The request subsets
 * follow the request measures (ALL for COUNT, RESOLVED for RESOLVED_PCT, RESOLVED_ON_TIME for
 * RESOLVED_ON_TIME_PCT, OVERDUE for OVERDUE_COUNT, REOPENED for REOPEN_RATE_PCT, RATED for
 * AVG_RATING); the stage subsets list stages of one stage kind, slowest first:
 * <ul>
 * <li>STAGE_DONE: stages that moved the request on — what the median and the 90th percentile are taken over.</li>
 * <li>STAGE_LATE: what keeps STAGE_ON_TIME_PCT below 100 — stages that moved the request on past their due
 * time, and stages running past due now.</li>
 * </ul>
 */
public enum DrillSubset {
    ALL, RESOLVED, RESOLVED_ON_TIME, OVERDUE, REOPENED, RATED, STAGE_DONE, STAGE_LATE;

    public boolean perStage() {
        return name().startsWith("STAGE_");
    }
}
