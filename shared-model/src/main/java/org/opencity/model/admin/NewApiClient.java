package org.opencity.model.admin;

/** A system to issue an API key to. */
public record NewApiClient(String name) {
}
