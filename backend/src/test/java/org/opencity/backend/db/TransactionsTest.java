package org.opencity.backend.db;

import org.junit.jupiter.api.Test;
import org.opencity.backend.testing.TestDatabase;
import org.opencity.backend.testing.WithDatabase;

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
}
