package org.opencity.model;

import java.util.Objects;

/** A district of the city with its localised name and centre. */
public record DistrictView(String code, String name, GeoPoint centre) {
    public DistrictView {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(centre, "centre");
    }
}
