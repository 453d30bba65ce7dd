package org.opencity.backend.open311;

import org.opencity.backend.errors.BadRequest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A small, bounded reader of {@code multipart/form-data} bodies (RFC 7578), the way FixMyStreet
 * sends reports with photos: parts without a file name are parameters, read like form fields (in
 * the part's declared charset, else the body's, else UTF-8); parts with a file name are files.
 * The whole body is already bounded by the server's payload limit; this class bounds the number
 * of parts, of files and the size of each part's headers, and refuses anything malformed.
 */
final class Open311Multipart {

    static final int MAX_PARTS = 60;
    static final int MAX_FILES = 5;
    private static final int MAX_PART_HEADERS = 8 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};

    /** A named text field. */
    record Field(String name, String value) {
    }

    /** A file part: the field name, the file name as sent and the declared type (neither trusted), and its bytes. */
    record Upload(String field, String fileName, String contentType, byte[] bytes) {
    }

    /** What the body held, in order. */
    record Parts(List<Field> fields, List<Upload> uploads) {
    }

    private Open311Multipart() {
    }

    static Parts read(byte[] body, String contentType) {
        String boundary = Open311Text.parameter(contentType, "boundary")
                .filter(b -> b.length() <= 70)
                .orElseThrow(() -> new BadRequest("a multipart/form-data body needs its boundary (at most 70 characters)"));
        Charset bodyCharset = Open311Text.charset(contentType);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw malformed();
        }
        List<Field> fields = new ArrayList<>();
        List<Upload> uploads = new ArrayList<>();
        byte[] next = concat(CRLF, delimiter);
        int parts = 0;
        while (true) {
            int after = at + delimiter.length;
            if (startsWith(body, after, new byte[] {'-', '-'})) {
                break;   // the closing delimiter; what follows is an epilogue, ignored
            }
            if (!startsWith(body, after, CRLF)) {
                throw malformed();
            }
            if (++parts > MAX_PARTS) {
                throw new BadRequest("at most " + MAX_PARTS + " parts in one multipart body");
            }
            int headersStart = after + CRLF.length;
            int headersEnd = indexOf(body, HEADERS_END, headersStart);
            if (headersEnd < 0 || headersEnd - headersStart > MAX_PART_HEADERS) {
                throw malformed();
            }
            int contentStart = headersEnd + HEADERS_END.length;
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                throw malformed();
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            String disposition = header(headers, "content-disposition").orElseThrow(Open311Multipart::malformed);
            if (!disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
                throw malformed();
            }
            String name = Open311Text.parameter(disposition, "name").orElseThrow(Open311Multipart::malformed);
            Optional<String> fileName = Open311Text.parameter(disposition, "filename");
            Optional<String> partType = header(headers, "content-type");
            byte[] content = Arrays.copyOfRange(body, contentStart, contentEnd);
            if (fileName.isPresent()) {
                if (uploads.size() >= MAX_FILES) {
                    throw new BadRequest("at most " + MAX_FILES + " files with one request");
                }
                uploads.add(new Upload(name, fileName.get(), partType.orElse("application/octet-stream"), content));
            } else {
                Charset charset = partType.map(Open311Text::charset).filter(c -> partType.get().toLowerCase(Locale.ROOT).contains("charset"))
                        .orElse(bodyCharset);
                fields.add(new Field(name, Open311Text.decode(content, charset, name)));
            }
            at = contentEnd + CRLF.length;
        }
        return new Parts(fields, uploads);
    }

    private static Optional<String> header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                return Optional.of(line.substring(colon + 1).strip());
            }
        }
        return Optional.empty();
    }

    private static BadRequest malformed() {
        return new BadRequest("the multipart/form-data body is not well-formed");
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > body.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
