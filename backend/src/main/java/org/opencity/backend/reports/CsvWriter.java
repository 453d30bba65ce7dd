package org.opencity.backend.reports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes CSV for spreadsheets (RFC 4180): UTF-8 with a byte-order mark so that Excel reads
 * Cyrillic right, CRLF line ends, a cell quoted when it holds a comma, quote or line break.
 * Text cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 * return) get a leading apostrophe, so a resident's description can never become one. Numbers
 * are written as they are. Nothing is kept: each row goes to the buffered stream as it comes.
 */
public final class CsvWriter implements AutoCloseable {

    private final Writer out;
    private boolean firstCell = true;

    public CsvWriter(OutputStream stream) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        out.write('\uFEFF');
    }

    /** A text cell (null is an empty cell). */
    public CsvWriter text(String value) throws IOException {
        separate();
        if (value != null) {
            out.write(escape(value));
        }
        return this;
    }

    /** A number cell (null is an empty cell). */
    public CsvWriter number(Number value) throws IOException {
        separate();
        if (value != null) {
            out.write(value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
                              : value.toString());
        }
        return this;
    }

    public CsvWriter endRow() throws IOException {
        out.write("\r\n");
        firstCell = true;
        return this;
    }

    /** The cell as written: defused if it could start a formula, quoted if it must be. */
    static String escape(String value) {
        String cell = value;
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            cell = "'" + cell;
        }
        if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
            cell = '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

    private void separate() throws IOException {
        if (!firstCell) {
            out.write(',');
        }
        firstCell = false;
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
