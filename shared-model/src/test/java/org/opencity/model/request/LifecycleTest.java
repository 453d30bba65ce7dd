package org.opencity.model.request;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.opencity.model.Role;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The design rules of §3, read off the one table that the server and the clients share. */
class LifecycleTest {

    private static final Facts ALL_GIVEN = Facts.forButtons(true, false, false, false, false);

    @Test
    void theHappyPathRunsFromRoutedToClosedWithTheRightActorAtEachStep() {
        assertThat(allowed(Action.ACCEPT, Status.ROUTED, Actor.ORGANISATION_STAFF)).isTrue();
        assertThat(allowed(Action.ASSIGN, Status.ACCEPTED, Actor.ORGANISATION_STAFF)).isTrue();
        assertThat(allowed(Action.START, Status.ASSIGNED, Actor.ASSIGNED_TECHNICIAN)).isTrue();
        assertThat(allowed(Action.COMPLETE, Status.IN_PROGRESS, Actor.ASSIGNED_TECHNICIAN)).isTrue();
        assertThat(allowed(Action.CONFIRM, Status.DONE, Actor.REPORTER)).isTrue();
        assertThat(Lifecycle.rule(Action.CONFIRM).to()).contains(Status.CLOSED);
    }

    @Test
    void completingNeedsAnAfterPhoto() {
        Facts noPhoto = new Facts(true, 0, true, true, true, true, false, true, true, false, false, false);
        assertThat(Lifecycle.check(Action.COMPLETE, Status.IN_PROGRESS, Set.of(Actor.ASSIGNED_TECHNICIAN), noPhoto))
                .isEqualTo(new Lifecycle.Verdict.Unmet(Action.COMPLETE, Requirement.AFTER_PHOTO));
    }

    @Test
    void onlyTheReporterDisputesAndOnlyWithinTheWindow() {
        assertThat(allowed(Action.DISPUTE, Status.DONE, Actor.ORGANISATION_STAFF)).isFalse();
        assertThat(allowed(Action.DISPUTE, Status.DONE, Actor.CITY_DISPATCHER)).isFalse();
        Facts late = new Facts(true, 0, false, false, false, false, false, false, false, false, false, false);
        assertThat(Lifecycle.check(Action.DISPUTE, Status.DONE, Set.of(Actor.REPORTER), late))
                .isEqualTo(new Lifecycle.Verdict.Unmet(Action.DISPUTE, Requirement.WITHIN_CONFIRMATION_WINDOW));
        assertThat(Lifecycle.rule(Action.DISPUTE).to()).contains(Status.REOPENED);
    }

    @Test
    void cancellingIsOnlyPossibleBeforeWorkStarts() {
        for (Status s : EnumSet.of(Status.NEW, Status.ROUTED, Status.TRIAGE, Status.ACCEPTED, Status.ASSIGNED)) {
            assertThat(allowed(Action.CANCEL, s, Actor.REPORTER)).as(s.name()).isTrue();
        }
        for (Status s : EnumSet.of(Status.IN_PROGRESS, Status.DONE, Status.REOPENED, Status.CLOSED)) {
            assertThat(Lifecycle.check(Action.CANCEL, s, Set.of(Actor.REPORTER), ALL_GIVEN))
                    .isEqualTo(new Lifecycle.Verdict.IllegalInStatus(Action.CANCEL, s));
        }
    }

    @Test
    void anOrganisationThatSaysNotOursSendsTheRequestToTriageAndOnlyTheCityReroutes() {
        assertThat(Lifecycle.rule(Action.REJECT).to()).contains(Status.TRIAGE);
        assertThat(allowed(Action.REROUTE, Status.TRIAGE, Actor.ORGANISATION_STAFF)).isFalse();
        assertThat(allowed(Action.REROUTE, Status.TRIAGE, Actor.CITY_DISPATCHER)).isTrue();
    }

    @Test
    void theButtonsOfAResidentOnADoneRequestAreConfirmDisputeRateCommentAndNotCancel() {
        assertThat(Lifecycle.available(Status.DONE, Set.of(Actor.REPORTER), Facts.forButtons(true, false, false, false, false)))
                .containsExactly(Action.CONFIRM, Action.DISPUTE, Action.COMMENT, Action.RATE);
    }

    @Test
    void relationsComeFromRolesAndTheRequest() {
        UUID me = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        assertThat(Actor.of(me, Set.of(Role.TECHNICIAN), org, null, me, org)).containsExactly(Actor.ASSIGNED_TECHNICIAN);
        assertThat(Actor.of(me, Set.of(Role.ORG_DISPATCHER), org, null, null, UUID.randomUUID())).isEmpty();
        assertThat(Actor.of(me, Set.of(Role.RESIDENT), null, me, null, org)).containsExactly(Actor.REPORTER);
    }

    @Property
    void finalStatusesAcceptNoTransition(@ForAll Action action, @ForAll Status status) {
        if (status.terminal()) {
            var verdict = Lifecycle.check(action, status, EnumSet.allOf(Actor.class), ALL_GIVEN);
            if (verdict instanceof Lifecycle.Verdict.Allowed allowed) {
                assertThat(allowed.rule().to()).as(action + " in " + status).isEmpty();
            }
        }
    }

    @Property
    void systemActionsAreNeverOfferedAsButtons(@ForAll Status status) {
        assertThat(Lifecycle.available(status, EnumSet.allOf(Actor.class), ALL_GIVEN))
                .doesNotContain(Action.ROUTE, Action.SEND_TO_TRIAGE, Action.AUTO_CLOSE);
    }

    @Property
    void nobodyButTheSystemRoutes(@ForAll Action action) {
        if (action == Action.ROUTE || action == Action.SEND_TO_TRIAGE || action == Action.AUTO_CLOSE) {
            assertThat(Lifecycle.check(action, Lifecycle.rule(action).from().iterator().next(),
                                       EnumSet.complementOf(EnumSet.of(Actor.SYSTEM)), ALL_GIVEN))
                    .isInstanceOf(Lifecycle.Verdict.NotPermitted.class);
        }
    }

    private static boolean allowed(Action action, Status status, Actor actor) {
        return Lifecycle.check(action, status, Set.of(actor), ALL_GIVEN) instanceof Lifecycle.Verdict.Allowed;
    }
}
