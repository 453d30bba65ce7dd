package org.opencity.model.admin;

import org.opencity.model.Bounds;
/** Changes to an organisation; absent fields stay as they are. */
public record OrganisationChanges(String nameEn, String nameRu, String phone, Boolean active) {
    public OrganisationChanges {
        Bounds.text("nameEn", nameEn, Bounds.NAME);
        Bounds.text("nameRu", nameRu, Bounds.NAME);
        Bounds.text("phone", phone, Bounds.SHORT);
    }
}
