package org.opencity.backend.errors;

import org.opencity.model.FieldError;

import java.util.List;

/** Input that was read but is not acceptable; every offending field is named. */
public final class ValidationFailed extends DomainException {

    private final List<FieldError> errors;

    public ValidationFailed(List<FieldError> errors) {
        super(errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid");
        this.errors = List.copyOf(errors);
    }

    public static ValidationFailed of(String field, String code, String message) {
        return new ValidationFailed(List.of(new FieldError(field, code, message)));
    }

    @Override
    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String type() {
        return "/problems/validation";
    }

    @Override
    public String title() {
        return "Invalid input";
    }
}
