package org.opencity.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GeoTest {

    private final GeoPolygon square = new GeoPolygon(List.of(new GeoPoint(55.0, 49.0), new GeoPoint(55.0, 49.2),
                                                             new GeoPoint(55.2, 49.2), new GeoPoint(55.2, 49.0)));

    @Test
    void aPointInsideThePolygonIsContainedAndOneOutsideIsNot() {
        assertThat(square.contains(new GeoPoint(55.1, 49.1))).isTrue();
        assertThat(square.contains(new GeoPoint(55.3, 49.1))).isFalse();
        assertThat(square.contains(new GeoPoint(55.1, 48.9))).isFalse();
    }

    @Test
    void aConcavePolygonExcludesItsNotch() {
        GeoPolygon u = new GeoPolygon(List.of(new GeoPoint(0, 0), new GeoPoint(0, 3), new GeoPoint(3, 3),
                                              new GeoPoint(3, 2), new GeoPoint(1, 2), new GeoPoint(1, 1),
                                              new GeoPoint(3, 1), new GeoPoint(3, 0)));
        assertThat(u.contains(new GeoPoint(2, 1.5))).isFalse();
        assertThat(u.contains(new GeoPoint(2, 0.5))).isTrue();
    }

    @Test
    void distanceFromKazanKremlinToTheRailwayStationIsAboutOnePointTwoKilometres() {
        GeoPoint kremlin = new GeoPoint(55.7986, 49.1052);
        GeoPoint station = new GeoPoint(55.7879, 49.0999);
        assertThat(kremlin.distanceMetres(station)).isCloseTo(1230, within(60.0));
    }

    @Test
    void coordinatesOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new GeoPoint(91, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeoPoint(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
