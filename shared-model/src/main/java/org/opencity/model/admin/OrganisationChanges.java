package org.opencity.model.admin;

/** Changes to an organisation; absent fields stay as they are. */
public record OrganisationChanges(String nameEn, String nameRu, String phone, Boolean active) {
}
