package org.opencity.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A service category as clients show it: localised name, icon, the deadlines a resident can
 * expect (minutes per stage; business minutes unless the category is an emergency), and the
 * skill a technician needs to be assigned its requests (absent from older servers).
 */
public record ServiceCategoryView(String code, String name, String group, String icon, boolean emergency,
                                  boolean outdoor, Map<SlaStage, Integer> slaMinutes, String skill) {
    public ServiceCategoryView {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        EnumMap<SlaStage, Integer> ordered = new EnumMap<>(SlaStage.class);
        if (slaMinutes != null) {
            ordered.putAll(slaMinutes);
        }
        slaMinutes = Collections.unmodifiableMap(ordered);
    }
}
