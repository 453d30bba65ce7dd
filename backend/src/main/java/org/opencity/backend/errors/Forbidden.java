package org.opencity.backend.errors;

/** The caller is signed in but may not do this. Never used to hide another organisation's data: that is NotFound. */
public final class Forbidden extends DomainException {

    private final String type;

    public Forbidden(String detail) {
        this(detail, "/problems/forbidden");
    }

    /** A more specific kind of 403, e.g. {@code /problems/totp-enrollment-required}. */
    public Forbidden(String detail, String type) {
        super(detail);
        this.type = type;
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String title() {
        return "Not allowed";
    }
}
