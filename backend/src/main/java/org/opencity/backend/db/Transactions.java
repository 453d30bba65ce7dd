package org.opencity.backend.db;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbTransaction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs work in one database transaction: commit when it returns, roll back and rethrow when it
 * throws. Helidon's {@link DbTransaction} keeps its connection until commit or rollback, so
 * nothing may use one outside this helper. Work may ask for something to run once its
 * transaction has committed ({@link #afterCommit}); a rollback forgets it.
 */
public final class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class.getName());
    private final DbClient db;
    private final Map<DbTransaction, List<Runnable>> afterCommit = Collections.synchronizedMap(new IdentityHashMap<>());

    public Transactions(DbClient db) {
        this.db = db;
    }

    public <T> T inTransaction(Function<DbTransaction, T> work) {
        DbTransaction tx = db.transaction();
        afterCommit.put(tx, new ArrayList<>(0));
        T result;
        try {
            result = work.apply(tx);
        } catch (RuntimeException | Error e) {
            afterCommit.remove(tx);
            try {
                tx.rollback();
            } catch (RuntimeException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        List<Runnable> then;
        try {
            tx.commit();
        } finally {
            then = afterCommit.remove(tx);
        }
        if (then != null) {   // a list per transaction, used by its own thread only
            for (Runnable r : then) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    // the transaction has committed: its caller must hear of success all the same
                    LOG.log(Level.WARNING, "an after-commit step failed", e);
                }
            }
        }
        return result;
    }

    public void run(Consumer<DbTransaction> work) {
        inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /**
     * Runs {@code step} after {@code tx} commits (in the committing thread, in the order asked),
     * never if it rolls back. {@code tx} must be one this helper opened.
     */
    public void afterCommit(DbTransaction tx, Runnable step) {
        List<Runnable> steps = afterCommit.get(tx);
        if (steps == null) {
            throw new IllegalStateException("not a transaction this helper has open");
        }
        steps.add(step);
    }
}
