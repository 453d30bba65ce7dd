package org.opencity.mobile.platform;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Push through the phone's platform. On native builds an implementation over Gluon Attach's push
 * notifications service hands over the device token and the data messages (see the README's native
 * section); on the desktop there is none and the in-app inbox with its live stream does the work.
 */
public interface PushRegistrar {

    /** The device's push token and its provider (FCM or APNS), when the platform has one. */
    Optional<Token> token();

    /** Called with the notification id and kind of each push the user taps. */
    void onOpened(Consumer<Opened> handler);

    record Token(String value, String provider) {
    }

    record Opened(UUID notificationId, String kind, Optional<UUID> requestId) {
    }

    /** The desktop: no push service. */
    PushRegistrar NONE = new PushRegistrar() {
        @Override
        public Optional<Token> token() {
            return Optional.empty();
        }

        @Override
        public void onOpened(Consumer<Opened> handler) {
            // nothing is ever pushed here
        }
    };
}
