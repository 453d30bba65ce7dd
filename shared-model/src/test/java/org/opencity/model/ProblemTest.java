package org.opencity.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProblemTest {

    @Test
    void aProblemMustCarryAnErrorStatus() {
        assertThatThrownBy(() -> new Problem("/problems/x", "X", 200, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fieldErrorsAreCopiedSoTheProblemCannotChangeAfterwards() {
        List<FieldError> errors = new ArrayList<>();
        errors.add(new FieldError("description", "too_long", "at most 2000 characters"));
        Problem problem = new Problem("/problems/validation", "Invalid input", 400, "1 field", "r1", errors);
        errors.clear();
        assertThat(problem.errors()).hasSize(1);
    }
}
