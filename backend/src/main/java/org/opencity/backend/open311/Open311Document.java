package org.opencity.backend.open311;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import org.opencity.backend.web.Json;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Open311 response, written once and rendered in either format: an XML document (UTF-8,
 * root element, list items as named elements) or its JSON twin (lists as arrays, objects as
 * objects). Text is text in both formats, so codes and ids stay strings; only flags, numbers
 * and coordinates are typed in JSON. An absent value is an empty element in XML and null in JSON,
 * so every item always carries the same fields.
 */
record Open311Document(String root, Value body) {

    Open311Document {
        Objects.requireNonNull(root);
        Objects.requireNonNull(body);
    }

    /** A value in the document. */
    sealed interface Value {
    }

    /** Text (null: absent). */
    record Text(String text) implements Value {
    }

    /** A number, or a coordinate (null: absent); a JSON number, the plain decimal in XML. */
    record Number(java.lang.Number number) implements Value {
    }

    /** A flag: {@code true}/{@code false} in both formats. */
    record Flag(boolean flag) implements Value {
    }

    /** Named fields in order. */
    record Fields(Map<String, Value> fields) implements Value {
        Fields {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** A list; in XML each item is an element named {@code item}. */
    record Items(String item, List<? extends Value> items) implements Value {
        Items {
            items = List.copyOf(items);
        }
    }

    static Text text(String s) {
        return new Text(s);
    }

    /** Builds {@link Fields} in order. */
    static final class FieldsBuilder {
        private final Map<String, Value> fields = new LinkedHashMap<>();

        FieldsBuilder text(String name, String value) {
            return put(name, new Text(value));
        }

        FieldsBuilder number(String name, java.lang.Number value) {
            return put(name, new Number(value));
        }

        FieldsBuilder flag(String name, boolean value) {
            return put(name, new Flag(value));
        }

        FieldsBuilder put(String name, Value value) {
            if (fields.put(name, value) != null) {
                throw new IllegalArgumentException("field " + name + " twice");
            }
            return this;
        }

        Fields build() {
            return new Fields(fields);
        }
    }

    static FieldsBuilder fields() {
        return new FieldsBuilder();
    }

    byte[] xml() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");   // the JDK's own writer
            w.writeStartDocument("utf-8", "1.0");
            writeXml(w, root, body);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write Open311 XML", e);
        }
        return out.toByteArray();
    }

    private static void writeXml(XMLStreamWriter w, String name, Value value) throws XMLStreamException {
        switch (value) {
            case Text t when t.text() == null -> w.writeEmptyElement(name);
            case Number n when n.number() == null -> w.writeEmptyElement(name);
            case Text t -> element(w, name, xmlSafe(t.text()));
            case Number n -> element(w, name, plain(n.number()));
            case Flag f -> element(w, name, Boolean.toString(f.flag()));
            case Fields f -> {
                w.writeStartElement(name);
                for (Map.Entry<String, Value> e : f.fields().entrySet()) {
                    writeXml(w, e.getKey(), e.getValue());
                }
                w.writeEndElement();
            }
            case Items list -> {
                w.writeStartElement(name);
                for (Value item : list.items()) {
                    writeXml(w, list.item(), item);
                }
                w.writeEndElement();
            }
        }
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    byte[] json() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            writeJson(g, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeJson(JsonGenerator g, Value value) throws IOException {
        switch (value) {
            case Text t when t.text() == null -> g.writeNull();
            case Number n when n.number() == null -> g.writeNull();
            case Text t -> g.writeString(t.text());
            case Number n -> g.writeNumber(plain(n.number()));
            case Flag f -> g.writeBoolean(f.flag());
            case Fields f -> {
                g.writeStartObject();
                for (Map.Entry<String, Value> e : f.fields().entrySet()) {
                    g.writeFieldName(e.getKey());
                    writeJson(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Items list -> {
                g.writeStartArray();
                for (Value item : list.items()) {
                    writeJson(g, item);
                }
                g.writeEndArray();
            }
        }
    }

    private static String plain(java.lang.Number n) {
        return n instanceof Double || n instanceof Float ? java.math.BigDecimal.valueOf(n.doubleValue()).toPlainString() : n.toString();
    }

    /** Characters XML 1.0 cannot carry (control characters) are dropped rather than failing the whole answer. */
    private static String xmlSafe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000).forEach(b::appendCodePoint);
        return b.toString();
    }
}
