package org.opencity.backend.reports;

import org.opencity.backend.requests.RequestQueries;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Streams a request list as CSV in constant memory: one read-only transaction with a server-side
 * cursor (autocommit off and a fetch size, which is what makes the PostgreSQL driver fetch rows in
 * batches instead of the whole result), each row written to the response as it arrives. Holds one
 * pooled connection for as long as the download takes.
 */
public final class RequestExport {

    /** Rows fetched from the database at a time. */
    static final int FETCH_SIZE = 2000;
    /** The most rows one export writes (a city's whole history fits). */
    public static final long MAX_ROWS = 10_000_000L;

    static final String[] HEADER = {"number", "created_at", "status", "priority", "channel", "category", "district", "address",
            "flat", "organisation", "reporter_type", "stage", "due_at", "closed_at", "rating", "description"};

    private final DataSource dataSource;

    public RequestExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the statement's rows; answers how many. */
    public long write(RequestQueries.Statement statement, OutputStream stream) {
        List<Object> values = new ArrayList<>();
        String sql = positional(statement.sql(), statement.params(), values);
        try (Connection c = dataSource.getConnection(); CsvWriter csv = new CsvWriter(stream)) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < values.size(); i++) {
                    ps.setObject(i + 1, values.get(i));
                }
                for (String h : HEADER) {
                    csv.text(h);
                }
                csv.endRow();
                long rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && rows < MAX_ROWS) {
                        row(rs, csv);
                        rows++;
                    }
                }
                return rows;
            } finally {
                c.rollback();   // read only: nothing to keep
                c.setReadOnly(false);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("export failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(ResultSet rs, CsvWriter csv) throws SQLException, IOException {
        csv.text(rs.getString("number"))
                .text(instant(rs.getTimestamp("created_at")))
                .text(rs.getString("status"))
                .text(rs.getString("priority"))
                .text(rs.getString("channel"))
                .text(rs.getString("category"))
                .text(rs.getString("district"))
                .text(rs.getString("address"))
                .text(rs.getString("flat"))
                .text(rs.getString("organisation"))
                .text(rs.getString("reporter_type"))
                .text(rs.getString("stage"))
                .text(instant(rs.getTimestamp("due_at")))
                .text(instant(rs.getTimestamp("closed_at")));
        int rating = rs.getInt("rating");
        csv.number(rs.wasNull() ? null : rating)
                .text(rs.getString("description"))
                .endRow();
    }

    private static String instant(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }

    /**
     * The statement with {@code :name} parameters turned into JDBC's {@code ?} and their values
     * in order; text in single quotes and {@code ::} casts are left alone.
     */
    static String positional(String sql, Map<String, Object> params, List<Object> values) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            }
            if (!quoted && ch == ':' && i + 1 < sql.length() && Character.isLetter(sql.charAt(i + 1))
                    && (i == 0 || sql.charAt(i - 1) != ':')) {
                int end = i + 1;
                while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                String name = sql.substring(i + 1, end);
                if (!params.containsKey(name)) {
                    throw new IllegalArgumentException("no value for :" + name);
                }
                values.add(params.get(name));
                out.append('?');
                i = end - 1;
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
