package org.opencity.model.catalogue;

import org.opencity.model.GeoPoint;

import java.util.UUID;

/** A residential building as address search shows it. */
public record BuildingView(UUID id, String addressRu, String addressEn, String districtCode, int flats, int entrances,
                           int floors, GeoPoint position) {
}
