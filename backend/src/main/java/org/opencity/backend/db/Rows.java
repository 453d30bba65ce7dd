package org.opencity.backend.db;

import io.helidon.dbclient.DbColumn;
import io.helidon.dbclient.DbRow;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Typed reads of {@link DbRow} columns whatever Java type the driver chose for them, and
 * conversions for parameters ({@code timestamptz} wants an {@link OffsetDateTime}).
 */
public final class Rows {

    private Rows() {
    }

    public static UUID uuid(DbRow row, String column) {
        return nullable(row, column).map(v -> v instanceof UUID u ? u : UUID.fromString(v.toString()))
                .orElseThrow(() -> missing(column));
    }

    public static Optional<UUID> optionalUuid(DbRow row, String column) {
        return nullable(row, column).map(v -> v instanceof UUID u ? u : UUID.fromString(v.toString()));
    }

    public static String string(DbRow row, String column) {
        return optionalString(row, column).orElseThrow(() -> missing(column));
    }

    public static Optional<String> optionalString(DbRow row, String column) {
        return nullable(row, column).map(Object::toString);
    }

    public static long longValue(DbRow row, String column) {
        return nullable(row, column).map(v -> ((Number) v).longValue()).orElseThrow(() -> missing(column));
    }

    public static Optional<Long> optionalLong(DbRow row, String column) {
        return nullable(row, column).map(v -> ((Number) v).longValue());
    }

    public static int intValue(DbRow row, String column) {
        return nullable(row, column).map(v -> ((Number) v).intValue()).orElseThrow(() -> missing(column));
    }

    public static Optional<Integer> optionalInt(DbRow row, String column) {
        return nullable(row, column).map(v -> ((Number) v).intValue());
    }

    public static double doubleValue(DbRow row, String column) {
        return nullable(row, column).map(v -> ((Number) v).doubleValue()).orElseThrow(() -> missing(column));
    }

    public static Optional<Double> optionalDouble(DbRow row, String column) {
        return nullable(row, column).map(v -> ((Number) v).doubleValue());
    }

    public static boolean bool(DbRow row, String column) {
        return nullable(row, column).map(v -> (Boolean) v).orElseThrow(() -> missing(column));
    }

    public static Instant instant(DbRow row, String column) {
        return optionalInstant(row, column).orElseThrow(() -> missing(column));
    }

    public static Optional<Instant> optionalInstant(DbRow row, String column) {
        return nullable(row, column).map(v -> switch (v) {
            case Timestamp ts -> ts.toInstant();
            case OffsetDateTime odt -> odt.toInstant();
            case Instant i -> i;
            default -> throw new IllegalStateException("column " + column + " is not a timestamp: " + v.getClass());
        });
    }

    public static Optional<LocalDate> optionalDate(DbRow row, String column) {
        return nullable(row, column).map(v -> switch (v) {
            case java.sql.Date d -> d.toLocalDate();
            case LocalDate d -> d;
            default -> throw new IllegalStateException("column " + column + " is not a date: " + v.getClass());
        });
    }

    /** A {@code timestamptz} parameter. */
    public static OffsetDateTime param(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Optional<Object> nullable(DbRow row, String column) {
        DbColumn c = row.column(column);
        return c.isEmpty() ? Optional.empty() : Optional.ofNullable(c.get());
    }

    private static IllegalStateException missing(String column) {
        return new IllegalStateException("column " + column + " is null");
    }
}
