package org.opencity.backend.requests;

import org.opencity.backend.catalogue.Names;

/**
 * Where a request is, as people other than its reporter and the staff may see it: the building
 * (street and house), else its district, else the city — never the address text the reporter
 * typed (it may hold a flat, a name, a phone number), never the entrance, floor or flat. Positions
 * are the building's, else the reported spot rounded to three decimals (about 100 m), as on the
 * public map. Used with {@code request r LEFT JOIN building b ON b.id = r.building_id}.
 */
public final class PublicAddress {

    /** A SQL expression over {@code r} (request) and {@code b} (its building, left-joined), in the caller's language. */
    public static String sql(String locale) {
        return "COALESCE(" + Names.building("b", locale) + ", (SELECT " + Names.district("pd", locale)
                + " FROM district pd WHERE pd.id = r.district_id), (SELECT " + Names.city("pc", locale)
                + " FROM city pc WHERE pc.id = r.city_id))";
    }

    /** The public latitude: SQL over {@code r} and {@code b}, as {@link #sql}. */
    public static final String LAT = "COALESCE(b.lat, round(CAST(r.lat AS numeric), 3))";

    /** The public longitude: SQL over {@code r} and {@code b}, as {@link #sql}. */
    public static final String LON = "COALESCE(b.lon, round(CAST(r.lon AS numeric), 3))";

    private PublicAddress() {
    }
}
