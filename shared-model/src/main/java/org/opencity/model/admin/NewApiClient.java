package org.opencity.model.admin;

import org.opencity.model.Bounds;
/** A system to issue an API key to. */
public record NewApiClient(String name) {
    public NewApiClient {
        Bounds.text("name", name, Bounds.NAME);
    }
}
