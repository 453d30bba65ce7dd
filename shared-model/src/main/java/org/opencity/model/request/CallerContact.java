package org.opencity.model.request;

import org.opencity.model.Bounds;
/** The person a call-centre operator files a request for: found or created by phone number. */
public record CallerContact(String phone, String name) {
    public CallerContact {
        Bounds.text("phone", phone, Bounds.SHORT);
        Bounds.text("name", name, Bounds.NAME);
    }
}
