package org.opencity.backend.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import org.opencity.model.Bounds;

import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * A JSON factory whose parsers refuse any string or field name holding U+0000 or a lone
 * surrogate, whatever it is bound to (a record, a map, a tree): PostgreSQL cannot store the first
 * and UTF-8 cannot encode the second, so such text is turned away before any code sees it.
 * Every other token passes untouched.
 */
final class SafeTextJsonFactory extends JsonFactory {

    SafeTextJsonFactory() {
        super();
    }

    private SafeTextJsonFactory(SafeTextJsonFactory source) {
        super(source, null);
    }

    @Override
    public JsonFactory copy() {
        return new SafeTextJsonFactory(this);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
        return new SafeText(super._createParser(in, ctxt));
    }

    @Override
    protected JsonParser _createParser(Reader r, IOContext ctxt) throws IOException {
        return new SafeText(super._createParser(r, ctxt));
    }

    @Override
    protected JsonParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable) throws IOException {
        return new SafeText(super._createParser(data, offset, len, ctxt, recyclable));
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
        return new SafeText(super._createParser(data, offset, len, ctxt));
    }

    @Override
    protected JsonParser _createParser(DataInput input, IOContext ctxt) throws IOException {
        return new SafeText(super._createParser(input, ctxt));
    }

    /** Text that cannot be stored: U+0000 or a lone surrogate in a string or a field name, and where it was. */
    static final class UnsafeText extends JsonParseException {

        private final String field;

        UnsafeText(JsonParser parser, String field) {
            super(parser, "text holds U+0000 or a lone surrogate");
            this.field = field;
        }

        /** The path of the offending value ({@code device.name}, {@code photos[0].sha256}), or {@code body} at the top. */
        String field() {
            return field;
        }
    }

    /** Checks each string and field name as it is read; every reading path goes through nextToken. */
    private static final class SafeText extends JsonParserDelegate {

        SafeText(JsonParser delegate) {
            super(delegate);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            return checked(super.nextToken());
        }

        @Override
        public JsonToken nextValue() throws IOException {
            return checked(super.nextValue());
        }

        private JsonToken checked(JsonToken token) throws IOException {
            if ((token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) && !Bounds.storable(delegate.getText())) {
                // a bad field name is not repeated back: the path stops at the object holding it
                JsonStreamContext context = delegate.getParsingContext();
                throw new UnsafeText(this, path(token == JsonToken.FIELD_NAME ? context.getParent() : context));
            }
            return token;
        }

        private static String path(JsonStreamContext context) {
            StringBuilder path = new StringBuilder();
            for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inArray()) {
                    path.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
                } else if (c.getCurrentName() != null && Bounds.storable(c.getCurrentName())) {
                    path.insert(0, (path.isEmpty() || path.charAt(0) == '[' ? "" : ".")).insert(0, c.getCurrentName());
                }
            }
            return path.isEmpty() ? "body" : path.toString();
        }
    }
}
