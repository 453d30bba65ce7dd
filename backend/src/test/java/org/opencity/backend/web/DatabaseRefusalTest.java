package org.opencity.backend.web;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Input the database refuses is the caller's problem (400 or 409), never a 500. */
class DatabaseRefusalTest {

    @Test
    void aBrokenUniqueOrForeignKeyConstraintIsAConflict() {
        assertThat(ProblemResponses.statusOfRefusal("23505")).isEqualTo(409);
        assertThat(ProblemResponses.statusOfRefusal("23503")).isEqualTo(409);
        assertThat(ProblemResponses.statusOfRefusal("23P01")).isEqualTo(409);
    }

    @Test
    void dataTheDatabaseCannotTakeOrABrokenCheckIsABadRequest() {
        assertThat(ProblemResponses.statusOfRefusal("22021")).isEqualTo(400);   // U+0000 in text
        assertThat(ProblemResponses.statusOfRefusal("22008")).isEqualTo(400);   // timestamp out of range
        assertThat(ProblemResponses.statusOfRefusal("23514")).isEqualTo(400);   // a check constraint
    }

    @Test
    void theRefusalIsFoundDeepInTheCauseChainAndOtherFailuresAreNotRefusals() {
        RuntimeException wrapped = new RuntimeException("statement failed", new SQLException("duplicate key", "23505"));
        assertThat(ProblemResponses.refusedByTheDatabase(wrapped)).contains("23505");
        assertThat(ProblemResponses.refusedByTheDatabase(new SQLTransientConnectionException("down", "08006"))).isEmpty();
        assertThat(ProblemResponses.refusedByTheDatabase(new IllegalStateException("a bug"))).isEmpty();
    }
}
