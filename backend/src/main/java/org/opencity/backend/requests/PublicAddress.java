package org.opencity.backend.requests;

import org.opencity.backend.catalogue.Names;

/**
 * The address of a request as people other than its reporter and the staff may see it: the
 * building (street and house), never the entrance, floor or flat. A request without a building
 * keeps the place it was reported at. Used with {@code request r LEFT JOIN building b ON b.id = r.building_id}.
 */
public final class PublicAddress {

    /** A SQL expression over {@code r} (request) and {@code b} (its building, left-joined), the street in the caller's language. */
    public static String sql(String locale) {
        return "COALESCE(" + Names.building("b", locale) + ", r.address)";
    }

    private PublicAddress() {
    }
}
