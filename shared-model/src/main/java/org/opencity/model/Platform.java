package org.opencity.model;

/** Where a client runs; decides how push notifications reach it. */
public enum Platform {
    ANDROID,
    IOS,
    DESKTOP,
    WEB
}
