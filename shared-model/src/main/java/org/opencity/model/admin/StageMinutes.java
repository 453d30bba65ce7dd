package org.opencity.model.admin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.opencity.model.Bounds;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Minutes per stage as an admin sends them, a plain JSON object such as
 * {@code {"ACCEPT": 60, "START": 240}}. Keys are kept as written and values may be null, so that
 * the server can name every unknown stage and every bad value in one answer.
 */
public record StageMinutes(Map<String, Integer> minutes) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public StageMinutes {
        Bounds.size("minutes", minutes == null ? null : minutes.keySet(), Bounds.LIST);
        if (minutes != null) {
            minutes.keySet().forEach(stage -> Bounds.text("minutes", stage, Bounds.SHORT));
        }
        minutes = minutes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(minutes));
    }

    @JsonValue
    @Override
    public Map<String, Integer> minutes() {
        return minutes;
    }
}
