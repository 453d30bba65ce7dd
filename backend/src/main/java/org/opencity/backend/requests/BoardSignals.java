package org.opencity.backend.requests;

import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.db.Signals;

import java.util.Optional;
import java.util.UUID;

/**
 * Tells the live boards of every backend instance that a request changed, once the change has
 * committed ({@link Signals}). The signal is {@code city|request|organisation now|organisation
 * before}, so a board shows an organisation only its own requests, including one that just left
 * it.
 */
public final class BoardSignals implements RequestListener {

    public static final String CHANNEL = "opencity_board";
    private final Signals signals;

    public BoardSignals(Signals signals) {
        this.signals = signals;
    }

    @Override
    public void changed(DbTransaction t, Change change) {
        signals.afterCommit(t, CHANNEL, change.cityId() + "|" + change.requestId() + "|" + text(change.organisationId()) + "|"
                + text(change.previousOrganisationId()));
    }

    private static String text(Optional<UUID> id) {
        return id.map(UUID::toString).orElse("");
    }
}
