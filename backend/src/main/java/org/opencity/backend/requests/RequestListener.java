package org.opencity.backend.requests;

import io.helidon.dbclient.DbTransaction;
import org.opencity.model.request.Status;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Told of every change to a request inside the transaction that makes it, so that whatever it
 * writes (notifications to send, live updates) commits or rolls back together with the change.
 */
public interface RequestListener {

    /**
     * One change: a transition, a comment, a deadline event. {@code organisationId} is the
     * organisation responsible after it, {@code previousOrganisationId} the one before.
     */
    record Change(UUID requestId, UUID cityId, String number, String kind, Status from, Status to, UUID actorId, String actorRole,
                  Optional<UUID> reporterId, Optional<UUID> organisationId, Optional<UUID> previousOrganisationId,
                  Optional<UUID> technicianId,
                  Optional<UUID> previousTechnicianId, boolean internal, Map<String, String> detail) {
    }

    void changed(DbTransaction t, Change change);
}
