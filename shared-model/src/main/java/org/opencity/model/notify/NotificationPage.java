package org.opencity.model.notify;

import java.util.List;

/** A page of the inbox, newest first; {@code next} continues it (absent at the end). */
public record NotificationPage(List<NotificationView> items, long unread, String next) {
    public NotificationPage {
        items = List.copyOf(items);
    }
}
