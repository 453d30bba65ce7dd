package org.opencity.model;

import java.util.List;

/**
 * A simple polygon of WGS 84 points (a city boundary), small enough that treating degrees as a
 * plane is exact to well under a metre for containment tests.
 */
public record GeoPolygon(List<GeoPoint> vertices) {

    public GeoPolygon {
        if (vertices == null || vertices.size() < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 vertices");
        }
        vertices = List.copyOf(vertices);
    }

    /** Even-odd ray casting; points exactly on an edge may fall either way. */
    public boolean contains(GeoPoint p) {
        boolean inside = false;
        for (int i = 0, j = vertices.size() - 1; i < vertices.size(); j = i++) {
            GeoPoint a = vertices.get(i);
            GeoPoint b = vertices.get(j);
            if ((a.lat() > p.lat()) != (b.lat() > p.lat())
                    && p.lon() < (b.lon() - a.lon()) * (p.lat() - a.lat()) / (b.lat() - a.lat()) + a.lon()) {
                inside = !inside;
            }
        }
        return inside;
    }
}
