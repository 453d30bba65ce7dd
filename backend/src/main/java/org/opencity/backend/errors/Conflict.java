package org.opencity.backend.errors;

/** The request cannot be applied to the current state of the resource; the detail names that state. */
public final class Conflict extends DomainException {

    public Conflict(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String type() {
        return "/problems/conflict";
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
