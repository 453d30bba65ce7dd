package org.opencity.backend.db;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbTransaction;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs work in one database transaction: commit when it returns, roll back and rethrow when it
 * throws. Helidon's {@link DbTransaction} keeps its connection until commit or rollback, so
 * nothing may use one outside this helper.
 */
public final class Transactions {

    private final DbClient db;

    public Transactions(DbClient db) {
        this.db = db;
    }

    public <T> T inTransaction(Function<DbTransaction, T> work) {
        DbTransaction tx = db.transaction();
        T result;
        try {
            result = work.apply(tx);
        } catch (RuntimeException | Error e) {
            try {
                tx.rollback();
            } catch (RuntimeException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        tx.commit();
        return result;
    }

    public void run(Consumer<DbTransaction> work) {
        inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }
}
