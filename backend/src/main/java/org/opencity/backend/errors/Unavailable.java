package org.opencity.backend.errors;

/** A dependency (usually the database) cannot serve the request now; the caller should retry later. */
public final class Unavailable extends DomainException {

    public Unavailable(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String type() {
        return "/problems/unavailable";
    }

    @Override
    public String title() {
        return "Service unavailable";
    }
}
