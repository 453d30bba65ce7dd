package org.opencity.model.notify;

/** Who delivers pushes to a device: Firebase Cloud Messaging, or Apple's service directly. */
public enum PushProvider {
    FCM,
    APNS
}
