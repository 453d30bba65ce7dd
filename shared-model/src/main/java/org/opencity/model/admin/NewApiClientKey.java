package org.opencity.model.admin;

import java.util.UUID;

/** A newly issued API key: shown this once, stored only as a hash. */
public record NewApiClientKey(UUID id, String name, String key) {
}
