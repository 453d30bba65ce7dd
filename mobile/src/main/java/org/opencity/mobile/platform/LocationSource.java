package org.opencity.mobile.platform;

import com.gluonhq.attach.position.PositionService;
import org.opencity.model.GeoPoint;

import java.util.Optional;

/** The device's position through Gluon Attach; empty where there is none (the desktop), and the user places a pin. */
public final class LocationSource {

    private final Optional<PositionService> gps;

    public LocationSource() {
        Optional<PositionService> found;
        try {
            found = PositionService.create();
        } catch (RuntimeException | LinkageError e) {
            found = Optional.empty();
        }
        this.gps = found;
        gps.ifPresent(PositionService::start);
    }

    public boolean available() {
        return gps.isPresent();
    }

    /** The last known position, if the device has one. */
    public Optional<GeoPoint> current() {
        return gps.map(PositionService::getPosition)
                .map(p -> new GeoPoint(p.getLatitude(), p.getLongitude()));
    }
}
