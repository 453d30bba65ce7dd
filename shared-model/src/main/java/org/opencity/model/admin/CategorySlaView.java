package org.opencity.model.admin;

import org.opencity.model.SlaStage;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The deadlines of one service category: the city's standard minutes per stage (the maximum any
 * organisation may take) and, when the view is for an organisation, that organisation's own
 * stricter targets (only the stages it has set; absent when the view is the city's alone).
 * Minutes are business minutes unless the category is an emergency or the stage is CONFIRM.
 */
public record CategorySlaView(String categoryCode, String name, boolean emergency, Map<SlaStage, Integer> cityMinutes,
                              Map<SlaStage, Integer> organisationMinutes) {
    public CategorySlaView {
        Objects.requireNonNull(categoryCode, "categoryCode");
        Objects.requireNonNull(name, "name");
        cityMinutes = ordered(cityMinutes);
        organisationMinutes = organisationMinutes == null ? null : ordered(organisationMinutes);
    }

    private static Map<SlaStage, Integer> ordered(Map<SlaStage, Integer> minutes) {
        EnumMap<SlaStage, Integer> ordered = new EnumMap<>(SlaStage.class);
        if (minutes != null) {
            ordered.putAll(minutes);
        }
        return Collections.unmodifiableMap(ordered);
    }
}
