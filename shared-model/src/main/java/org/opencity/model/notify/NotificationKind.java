package org.opencity.model.notify;

/**
 * What a notification is about; the app decides what a tap opens from it (a job, a request, the
 * rating screen for {@link #CONFIRM_AND_RATE}).
 */
public enum NotificationKind {
    // technicians
    /** A job was assigned to you. */
    JOB_ASSIGNED,
    /** Something about your job changed: a resident's comment, a dispute, a higher priority. */
    JOB_CHANGED,
    /** Your job was given to someone else or sent to another organisation. */
    JOB_TAKEN_AWAY,
    /** Your job was cancelled. */
    JOB_CANCELLED,
    /** A deadline of your job (or, with no technician yet, of your organisation's request) is near. */
    DEADLINE_NEAR,
    /** Work you did offline on a job taken from you meanwhile was kept; the dispatcher decides. */
    OFFLINE_WORK_KEPT,
    // residents
    /** The responsible organisation accepted your request. */
    REQUEST_ACCEPTED,
    /** A technician was assigned to your request. */
    TECHNICIAN_ASSIGNED,
    /** The work is done: confirm it and rate it (opens the rating screen). */
    CONFIRM_AND_RATE,
    /** Your request was reopened. */
    REQUEST_REOPENED,
    /** Your request was closed. */
    REQUEST_CLOSED,
    /** Your request was cancelled by someone else (the call centre, the city). */
    REQUEST_CANCELLED,
    /** The organisation wrote to you on your request. */
    ORGANISATION_COMMENT,
    /** Your request and another report of the same problem were linked. */
    REQUEST_MERGED,
    /** A request you follow (reported by someone else) was fixed or cancelled. */
    FOLLOWED_REQUEST_UPDATE,
    // dispatchers
    /** A request is overdue and was escalated to you. */
    OVERDUE,
    /** A request waits in triage for the city to route it. */
    TRIAGE_ITEM,
    /** A request needs your decision (e.g. offline work after a reassignment). */
    NEEDS_ATTENTION
}
