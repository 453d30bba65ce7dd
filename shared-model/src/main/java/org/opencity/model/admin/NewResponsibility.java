package org.opencity.model.admin;

import org.opencity.model.Bounds;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** A territory (a district, or one building) and category for an organisation, from a date. */
public record NewResponsibility(String categoryCode, String districtCode, UUID buildingId, LocalDate validFrom,
                                LocalDate validTo) {
    public NewResponsibility {
        Objects.requireNonNull(categoryCode, "categoryCode is required");
        Bounds.text("categoryCode", categoryCode, Bounds.SHORT);
        Bounds.text("districtCode", districtCode, Bounds.SHORT);
        Bounds.date("validFrom", validFrom);
        Bounds.date("validTo", validTo);
        if ((districtCode == null) == (buildingId == null)) {
            throw new IllegalArgumentException("give exactly one of districtCode and buildingId");
        }
        if (validFrom != null && validTo != null && !validTo.isAfter(validFrom)) {
            throw new IllegalArgumentException("validTo must be after validFrom");
        }
    }
}
