package org.opencity.model.request;

import org.opencity.model.Bounds;
import org.opencity.model.GeoPoint;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A request as a client files it. The id is made by the client (UUIDv7) so that a retry of the
 * same report returns the same request instead of a second one. Either a position or a building
 * is needed; {@code caller} is for call-centre operators filing on someone's behalf.
 */
public record NewRequest(UUID id, String categoryCode, String description, GeoPoint location, UUID buildingId,
                         String entrance, String floor, String flat, String address, ReporterType reporterType,
                         String reporterOrganisation, CallerContact caller, Priority priority,
                         List<PhotoAnnouncement> photos) {

    public static final int MIN_DESCRIPTION = 10;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_PHOTOS = 10;

    public NewRequest {
        Objects.requireNonNull(id, "id is required (a UUID the client makes, so a retry is not a second request)");
        Bounds.text("categoryCode", categoryCode, Bounds.SHORT);
        Bounds.text("description", description, Bounds.TEXT);
        Bounds.text("entrance", entrance, Bounds.SHORT);
        Bounds.text("floor", floor, Bounds.SHORT);
        Bounds.text("flat", flat, Bounds.SHORT);
        Bounds.text("address", address, Bounds.NAME);
        Bounds.text("reporterOrganisation", reporterOrganisation, Bounds.NAME);
        Bounds.size("photos", photos, Bounds.LIST);
        photos = photos == null ? List.of() : List.copyOf(photos);
    }
}
