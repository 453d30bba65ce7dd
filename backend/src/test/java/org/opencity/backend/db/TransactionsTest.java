package org.opencity.backend.db;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestDatabase;
import org.opencity.backend.testing.WithDatabase;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithDatabase
class TransactionsTest {

    private final TestDatabase db;
    private final Transactions tx;

    TransactionsTest(TestDatabase db) {
        this.db = db;
        this.tx = new Transactions(db.client());
    }

    @Test
    void workThatReturnsIsCommitted() {
        tx.run(t -> t.createInsert("INSERT INTO seed_run (name, version) VALUES (:n, 1)").addParam("n", "committed").execute());
        assertThat(db.count("SELECT count(*) FROM seed_run WHERE name = 'committed'")).isEqualTo(1);
    }

    @Test
    void workThatThrowsIsRolledBackAndTheErrorPropagates() {
        assertThatThrownBy(() -> tx.run(t -> {
            t.createInsert("INSERT INTO seed_run (name, version) VALUES (:n, 1)").addParam("n", "rolled-back").execute();
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(db.count("SELECT count(*) FROM seed_run WHERE name = 'rolled-back'")).isZero();
    }

    @Test
    void aFailedTransactionReturnsItsConnectionToThePool() {
        for (int i = 0; i < 20; i++) {   // more attempts than the test pool has connections
            assertThatThrownBy(() -> tx.run(t -> t.createInsert("INSERT INTO nowhere VALUES (1)").execute()))
                    .isInstanceOf(RuntimeException.class);
        }
        tx.run(t -> t.createInsert("INSERT INTO seed_run (name, version) VALUES ('after-failures', 1)").execute());
        assertThat(db.count("SELECT count(*) FROM seed_run WHERE name = 'after-failures'")).isEqualTo(1);
    }

    @Test
    void stepsAfterCommitRunOnlyOnceTheWorkHasCommittedAndNeverAfterARollback() {
        List<String> ran = new ArrayList<>();
        tx.run(t -> {
            t.createInsert("INSERT INTO seed_run (name, version) VALUES ('then', 1)").execute();
            tx.afterCommit(t, () -> ran.add("first, seeing " + db.count("SELECT count(*) FROM seed_run WHERE name = 'then'")));
            tx.afterCommit(t, () -> ran.add("second"));
            assertThat(ran).as("nothing runs before the commit").isEmpty();
        });
        assertThat(ran).containsExactly("first, seeing 1", "second");

        assertThatThrownBy(() -> tx.run(t -> {
            tx.afterCommit(t, () -> ran.add("after a rollback"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(ran).containsExactly("first, seeing 1", "second");
    }

    @Test
    void aFailingStepAfterCommitDoesNotTurnTheCommittedWorkIntoAnError() {
        String result = tx.inTransaction(t -> {
            t.createInsert("INSERT INTO seed_run (name, version) VALUES ('kept', 1)").execute();
            tx.afterCommit(t, () -> {
                throw new IllegalStateException("the step fails");
            });
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(db.count("SELECT count(*) FROM seed_run WHERE name = 'kept'")).isEqualTo(1);
    }

    @Test
    void stepsCannotBeAskedForATransactionThisHelperDidNotOpen() {
        Transactions other = new Transactions(db.client());
        assertThatThrownBy(() -> other.run(t -> tx.afterCommit(t, () -> { })))
                .isInstanceOf(IllegalStateException.class);
    }
}
