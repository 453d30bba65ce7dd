package org.opencity.backend.open311;

import org.opencity.backend.errors.BadRequest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Optional;

/**
 * Text as a client sent it, read strictly: in the charset its {@code Content-Type} declares (UTF-8
 * when none), never with silent replacement characters, and refused when it visibly arrived as
 * question marks — what a client produces when it encodes Cyrillic in a charset without it — so
 * that nobody stores a report dispatchers cannot read.
 */
final class Open311Text {

    /** A run this long of question marks, where they also outnumber the letters this much, is not a question. */
    private static final String QUESTION_RUN = "????";
    private static final double QUESTION_SHARE = 0.3;

    private Open311Text() {
    }

    /** The charset a {@code Content-Type} (or a part's header) declares; UTF-8 when it declares none. */
    static Charset charset(String contentType) {
        return parameter(contentType, "charset").map(name -> {
            try {
                return Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new BadRequest("charset " + name + " is not one we read; send UTF-8");
            }
        }).orElse(StandardCharsets.UTF_8);
    }

    /** A parameter of a header value such as {@code multipart/form-data; boundary=x}, unquoted. */
    static Optional<String> parameter(String headerValue, String name) {
        for (String part : headerValue.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String value = part.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The bytes as text in {@code charset}; bytes that are not text in it are refused, naming the field. */
    static String decode(byte[] bytes, Charset charset, String field) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest(field + ": the text is not valid " + charset.name() + "; send UTF-8");
        }
    }

    /** The bytes a form-encoded name or value stands for ({@code +} a space, {@code %XX} a byte). */
    static byte[] percentDecode(byte[] in, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = in[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw new BadRequest("the form body is not correctly encoded");
                }
                int hi = Character.digit(in[i + 1], 16);
                int lo = Character.digit(in[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new BadRequest("the form body is not correctly encoded");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** Refuses text that arrived as runs of question marks in place of its letters. */
    static void refuseQuestionMarks(String field, String value) {
        if (!value.contains(QUESTION_RUN)) {
            return;
        }
        long questions = value.chars().filter(c -> c == '?').count();
        long letters = value.codePoints().filter(Character::isLetter).count();
        if (questions > QUESTION_SHARE * (questions + letters)) {
            throw new BadRequest(field + ": the text arrived as question marks; send UTF-8");
        }
    }
}
