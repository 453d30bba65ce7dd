package org.opencity.backend.requests;

import io.helidon.dbclient.DbTransaction;

/**
 * Tells the live boards of every backend instance that a request changed: a {@code pg_notify}
 * on {@value #CHANNEL} inside the changing transaction, so boards hear of it only once it is
 * committed. The signal is {@code city|request|organisation now|organisation of the change}, so a
 * board shows an organisation only its own requests, including one that just left it.
 */
public final class BoardSignals implements RequestListener {

    public static final String CHANNEL = "opencity_board";

    @Override
    public void changed(DbTransaction t, Change change) {
        t.createGet("""
                SELECT pg_notify('%s', CAST(r.city_id AS text) || '|' || CAST(r.id AS text)
                                       || '|' || coalesce(CAST(r.organisation_id AS text), '')
                                       || '|' || coalesce(CAST(:organisation AS text), '')) AS sent
                FROM request r WHERE r.id = :id""".formatted(CHANNEL))
                .addParam("id", change.requestId())
                .addParam("organisation", change.organisationId().map(Object::toString).orElse(null))
                .execute();
    }
}
