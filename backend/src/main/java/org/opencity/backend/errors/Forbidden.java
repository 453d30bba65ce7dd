package org.opencity.backend.errors;

/** The caller is signed in but may not do this. Never used to hide another organisation's data: that is NotFound. */
public final class Forbidden extends DomainException {

    public Forbidden(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String type() {
        return "/problems/forbidden";
    }

    @Override
    public String title() {
        return "Not allowed";
    }
}
