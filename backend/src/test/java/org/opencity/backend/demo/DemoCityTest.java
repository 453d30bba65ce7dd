package org.opencity.backend.demo;

import org.junit.jupiter.api.Test;
import org.opencity.backend.accounts.PasswordHasher;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.testing.TestDatabase;
import org.opencity.backend.testing.WithDatabase;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@WithDatabase
class DemoCityTest {

    private final TestDatabase db;
    private final DemoCity demo;
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.Params.OWASP, 2);

    DemoCityTest(TestDatabase db) {
        this.db = db;
        this.demo = new DemoCity(new Transactions(db.client()), hasher);
    }

    @Test
    void seedingTwiceAtOnceSeedsExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> runs = pool.invokeAll(List.<Callable<Boolean>>of(demo::seed, demo::seed));
            long seeded = 0;
            for (Future<Boolean> run : runs) {
                seeded += run.get() ? 1 : 0;
            }
            assertThat(seeded).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(demo.seed()).isFalse();
        assertThat(db.count("SELECT count(*) FROM city")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM building")).isEqualTo(280);
        assertThat(db.count("SELECT count(*) FROM seed_run WHERE name = 'demo-city'")).isEqualTo(1);
    }
}
