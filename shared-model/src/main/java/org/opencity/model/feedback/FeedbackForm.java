package org.opencity.model.feedback;

import org.opencity.model.Bounds;
/**
 * Feedback anyone sends to the city: what it is, the text (10–4,000 characters) and, if they want a
 * reply, a contact (at most 200 characters, seen by city staff only). {@code city} is the city's
 * code, needed only where one installation serves several cities.
 */
public record FeedbackForm(FeedbackKind kind, String text, String contact, String city) {

    public static final int MIN_TEXT = 10;
    public static final int MAX_TEXT = 4000;
    public static final int MAX_CONTACT = 200;

    public FeedbackForm {
        Bounds.text("text", text, Bounds.TEXT);
        Bounds.text("contact", contact, Bounds.TEXT);
        Bounds.text("city", city, Bounds.SHORT);
    }
}
