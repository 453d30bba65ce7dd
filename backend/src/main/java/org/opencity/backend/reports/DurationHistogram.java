package org.opencity.backend.reports;

/**
 * Durations in seconds counted by bucket, as {@code report_duration} keeps them (V36): exact below
 * 64 s, then 32 buckets per power of two. A percentile read from it is within 1/64 (1.6 %) of the
 * exact one: every bucket is at most 1/32 of its lower bound wide and stands for its middle.
 */
final class DurationHistogram {

    /** Buckets up to the largest {@code int} of seconds. */
    static final int BUCKETS = 64 + 26 * 32;

    private final long[] counts = new long[BUCKETS];
    private long total;

    /** The bucket of {@code seconds}; the same rule as the database's {@code duration_bucket}. */
    static int bucket(int seconds) {
        if (seconds < 64) {
            return Math.max(seconds, 0);
        }
        int exponent = 31 - Integer.numberOfLeadingZeros(seconds);
        return 64 + (exponent - 6) * 32 + ((seconds >> (exponent - 5)) & 31);
    }

    /** The seconds a bucket stands for: its value below 64, else the middle of the whole seconds it holds. */
    static double value(int bucket) {
        if (bucket < 64) {
            return bucket;
        }
        int exponent = 6 + (bucket - 64) / 32;
        long width = 1L << (exponent - 5);
        long low = (32L + (bucket - 64) % 32) << (exponent - 5);
        return low + (width - 1) / 2.0;
    }

    /**
     * Adds {@code bucket,count,bucket,count,…} (several histograms' pairs joined by commas, as the
     * report query sends them); an empty text adds nothing.
     */
    void add(String pairs) {
        int i = 0;
        int n = pairs.length();
        while (i < n) {
            int comma = pairs.indexOf(',', i);
            int bucket = Integer.parseInt(pairs, i, comma, 10);
            i = comma + 1;
            int end = pairs.indexOf(',', i);
            if (end < 0) {
                end = n;
            }
            long count = Long.parseLong(pairs, i, end, 10);
            i = end + 1;
            counts[bucket] += count;
            total += count;
        }
    }

    long total() {
        return total;
    }

    /**
     * The {@code fraction} percentile as PostgreSQL's {@code percentile_cont} computes it (between
     * the two nearest ranks, interpolated), each rank standing for its bucket's value; null when empty.
     */
    Double percentile(double fraction) {
        if (total == 0) {
            return null;
        }
        double position = fraction * (total - 1);
        long lower = (long) Math.floor(position);
        double low = valueAt(lower);
        double high = position == lower ? low : valueAt(lower + 1);
        return low + (position - lower) * (high - low);
    }

    /** The value of the rank-th duration (from 0) in order. */
    private double valueAt(long rank) {
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen > rank) {
                return value(b);
            }
        }
        throw new IllegalStateException("rank " + rank + " past " + total + " durations (a bucket's count is negative)");
    }
}
