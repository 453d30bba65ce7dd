package org.opencity.backend.errors;

/** The request cannot be read at all (malformed JSON, wrong content type, unknown parameter). */
public final class BadRequest extends DomainException {

    public BadRequest(String detail) {
        super(detail);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String type() {
        return "/problems/bad-request";
    }

    @Override
    public String title() {
        return "Bad request";
    }
}
