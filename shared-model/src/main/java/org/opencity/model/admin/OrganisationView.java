package org.opencity.model.admin;

import org.opencity.model.OrganisationKind;

import java.util.UUID;

/** An organisation taking part in the city's service. */
public record OrganisationView(UUID id, String code, OrganisationKind kind, String nameEn, String nameRu, String phone,
                               boolean active) {
}
