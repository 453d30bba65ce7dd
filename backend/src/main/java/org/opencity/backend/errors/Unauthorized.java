package org.opencity.backend.errors;

/** The caller is not signed in, or the credentials are no longer valid. */
public final class Unauthorized extends DomainException {

    public Unauthorized(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 401;
    }

    @Override
    public String type() {
        return "/problems/unauthorized";
    }

    @Override
    public String title() {
        return "Sign-in required";
    }
}
