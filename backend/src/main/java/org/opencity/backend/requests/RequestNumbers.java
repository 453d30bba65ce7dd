package org.opencity.backend.requests;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Human-readable request numbers per city and year ({@code KZN-2026-000123}), drawn from one
 * PostgreSQL sequence per city and year: unique under any concurrency and without a shared lock
 * on a counter row. A rolled-back transaction leaves a gap, which is acceptable.
 */
public final class RequestNumbers {

    private static final Pattern CODE = Pattern.compile("[A-Z]{2,5}");
    private final DbClient db;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public RequestNumbers(DbClient db) {
        this.db = db;
    }

    String next(DbTransaction t, String cityCode, int year) {
        if (!CODE.matcher(cityCode).matches() || year < 2000 || year > 9999) {
            throw new IllegalArgumentException("bad city code or year");
        }
        String sequence = "request_number_" + cityCode.toLowerCase() + "_" + year;   // from validated parts only
        if (!known.contains(sequence)) {
            ensure(sequence);
            known.add(sequence);
        }
        long n = t.createGet("SELECT nextval('" + sequence + "') AS n").execute().map(r -> Rows.longValue(r, "n")).orElseThrow();
        return String.format("%s-%d-%06d", cityCode, year, n);
    }

    /** Created in its own transaction, once, under an advisory lock (concurrent creators wait, then find it). */
    private void ensure(String sequence) {
        new Transactions(db).run(t -> {
            t.createQuery("SELECT pg_advisory_xact_lock(hashtext('" + sequence + "'))").execute().close();
            t.createDmlStatement("CREATE SEQUENCE IF NOT EXISTS " + sequence + " START 1").execute();
        });
    }
}
