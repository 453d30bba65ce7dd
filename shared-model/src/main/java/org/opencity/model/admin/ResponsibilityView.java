package org.opencity.model.admin;

import java.time.LocalDate;
import java.util.UUID;

/** One line of the responsibility table: this organisation answers for this category here. */
public record ResponsibilityView(UUID id, UUID organisationId, String categoryCode, String districtCode,
                                 UUID buildingId, LocalDate validFrom, LocalDate validTo) {
}
