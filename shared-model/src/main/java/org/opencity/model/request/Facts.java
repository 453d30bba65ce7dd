package org.opencity.model.request;

/**
 * What the lifecycle needs to know about a request and a command to judge an action. The
 * server fills it from the database and the command; a client filling it from its last known
 * state (and assuming the user will supply input) gets the buttons to show.
 */
public record Facts(boolean reasonGiven, int afterPhotos, boolean technicianGiven, boolean organisationGiven,
                    boolean duplicateTargetGiven, boolean withinConfirmationWindow, boolean rated, boolean textGiven,
                    boolean starsGiven, boolean clockPaused, boolean emergency, boolean attention) {

    /** State facts only, assuming every input an action needs will be given: for deciding which buttons to show. */
    public static Facts forButtons(boolean withinConfirmationWindow, boolean rated, boolean clockPaused, boolean emergency,
                                   boolean attention) {
        return new Facts(true, 1, true, true, true, withinConfirmationWindow, rated, true, true, clockPaused, emergency, attention);
    }

    boolean satisfies(Requirement requirement) {
        return switch (requirement) {
            case REASON -> reasonGiven;
            case AFTER_PHOTO -> afterPhotos > 0;
            case TECHNICIAN -> technicianGiven;
            case ORGANISATION -> organisationGiven;
            case DUPLICATE_TARGET -> duplicateTargetGiven;
            case WITHIN_CONFIRMATION_WINDOW -> withinConfirmationWindow;
            case NOT_RATED -> !rated;
            case TEXT -> textGiven;
            case STARS -> starsGiven;
            case CLOCK_RUNNING -> !clockPaused;
            case CLOCK_PAUSED -> clockPaused;
            case ROUTINE_PRIORITY -> !emergency;
            case ATTENTION -> attention;
        };
    }
}
