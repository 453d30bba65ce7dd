package org.opencity.model.admin;

import org.opencity.model.OrganisationKind;

import java.util.Objects;

/** An organisation to register (city admin). */
public record NewOrganisation(String code, OrganisationKind kind, String nameEn, String nameRu, String phone) {
    public NewOrganisation {
        Objects.requireNonNull(kind, "kind is required");
    }
}
