package org.opencity.backend.integrations;

import io.helidon.common.context.Context;

import java.util.Optional;
import java.util.UUID;

/** Another system calling the API with its key (the API and Open311 channels). */
public record ApiClient(UUID id, UUID cityId, String name) {

    public static Optional<ApiClient> of(Context context) {
        return context.get(ApiClient.class, ApiClient.class);
    }
}
