package org.opencity.model.admin;

import org.opencity.model.Bounds;
import org.opencity.model.OrganisationKind;

import java.util.Objects;

/** An organisation to register (city admin). */
public record NewOrganisation(String code, OrganisationKind kind, String nameEn, String nameRu, String phone) {
    public NewOrganisation {
        Objects.requireNonNull(kind, "kind is required");
        Bounds.text("code", code, Bounds.SHORT);
        Bounds.text("nameEn", nameEn, Bounds.NAME);
        Bounds.text("nameRu", nameRu, Bounds.NAME);
        Bounds.text("phone", phone, Bounds.SHORT);
    }
}
