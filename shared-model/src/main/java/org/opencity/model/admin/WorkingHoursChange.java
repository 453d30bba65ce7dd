package org.opencity.model.admin;

import java.time.LocalTime;

/**
 * New working hours of a city, e.g. {@code {"workStartsAt": "09:00", "workEndsAt": "18:00"}};
 * an absent field stays as it is. Shortened days end an hour earlier.
 */
public record WorkingHoursChange(LocalTime workStartsAt, LocalTime workEndsAt) {
}
