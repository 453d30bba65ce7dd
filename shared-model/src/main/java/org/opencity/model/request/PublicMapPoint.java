package org.opencity.model.request;

import java.util.Map;

/**
 * One place on the public map of open requests: a building (or, for requests outside buildings, a
 * spot rounded to about 100 m), how many requests are open there and how many of them are overdue,
 * by category. Anonymised: no numbers, names, flats or descriptions.
 */
public record PublicMapPoint(double lat, double lon, String address, int open, int overdue, Map<String, Integer> categories) {

    public PublicMapPoint {
        categories = Map.copyOf(categories);
    }
}
