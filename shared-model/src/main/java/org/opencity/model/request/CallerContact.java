package org.opencity.model.request;

/** The person a call-centre operator files a request for: found or created by phone number. */
public record CallerContact(String phone, String name) {
}
