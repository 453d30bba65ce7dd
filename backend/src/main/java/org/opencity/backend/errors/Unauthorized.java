package org.opencity.backend.errors;

/** The caller is not signed in, or the credentials are no longer valid. */
public final class Unauthorized extends DomainException {

    private final String type;

    public Unauthorized(String detail) {
        this(detail, "/problems/unauthorized");
    }

    /** A more specific kind of 401 that clients act on, e.g. {@code /problems/totp-required}. */
    public Unauthorized(String detail, String type) {
        super(detail);
        this.type = type;
    }

    @Override
    public int status() {
        return 401;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String title() {
        return "Sign-in required";
    }
}
