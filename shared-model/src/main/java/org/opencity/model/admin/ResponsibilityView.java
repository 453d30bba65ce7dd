package org.opencity.model.admin;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One line of the responsibility table: this organisation answers for this category here (a
 * district, or one building, whose address comes along so that nobody has to look it up).
 */
public record ResponsibilityView(UUID id, UUID organisationId, String categoryCode, String districtCode,
                                 UUID buildingId, String buildingAddressRu, String buildingAddressEn, LocalDate validFrom,
                                 LocalDate validTo) {
}
