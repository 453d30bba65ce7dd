package org.opencity.model;

import java.util.List;

/**
 * One page of a list in a stable order. {@code next} is an opaque cursor for the following page
 * (keyset pagination: no offsets), absent on the last page.
 */
public record Page<T>(List<T> items, String next) {
    public Page {
        items = List.copyOf(items);
    }
}
