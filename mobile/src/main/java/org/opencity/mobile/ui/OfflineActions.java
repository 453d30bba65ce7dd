package org.opencity.mobile.ui;

import org.opencity.model.auth.Me;
import org.opencity.model.request.Action;
import org.opencity.model.request.Actor;
import org.opencity.model.request.Facts;
import org.opencity.model.request.Lifecycle;
import org.opencity.model.request.Priority;
import org.opencity.model.request.RequestDetail;
import org.opencity.model.request.Status;

import java.util.List;
import java.util.Set;

/**
 * What the user may do next on a request while some of their actions still wait on the phone:
 * the shared lifecycle applied to the last known state plus the waiting actions — so a technician
 * offline can start a job and then complete it before either has reached the server. The server
 * judges every action again when it arrives.
 */
final class OfflineActions {

    private OfflineActions() {
    }

    /** The status the request will have once the waiting actions are applied. */
    static Status projectedStatus(RequestDetail r, List<Action> pending) {
        Status status = r.summary().status();
        for (Action a : pending) {
            Lifecycle.Rule rule = Lifecycle.rule(a);
            if (rule.from().contains(status) && rule.to().isPresent()) {
                status = rule.to().get();
            }
        }
        return status;
    }

    static List<Action> available(RequestDetail r, List<Action> pending, Me me) {
        if (pending.isEmpty() || me == null) {
            return r.availableActions();
        }
        Status status = projectedStatus(r, pending);
        Set<Actor> actors = Actor.of(me.id(), me.roles(), me.organisationId(), r.reporterId(), r.summary().technicianId(),
                                     r.summary().organisationId());
        boolean rated = r.rating() != null || pending.contains(Action.RATE);
        boolean withinWindow = status == Status.DONE;   // the window opens with the completion
        Facts facts = Facts.forButtons(withinWindow, rated, r.summary().clockPaused(), r.summary().priority() == Priority.EMERGENCY,
                                       r.attention() != null);
        return Lifecycle.available(status, actors, facts).stream()
                .filter(a -> a == Action.COMMENT || !pending.contains(a))
                .toList();
    }
}
