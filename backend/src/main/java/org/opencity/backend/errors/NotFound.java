package org.opencity.backend.errors;

/** The thing asked for does not exist or is not visible to the caller (another organisation's data answers exactly like a missing id). */
public final class NotFound extends DomainException {

    public NotFound(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String type() {
        return "/problems/not-found";
    }

    @Override
    public String title() {
        return "Not found";
    }
}
