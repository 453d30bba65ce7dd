package org.opencity.backend.open311;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import org.opencity.backend.errors.BadRequest;
import org.opencity.model.Bounds;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one Open311 call: the query string and, on POST, the form body
 * ({@code application/x-www-form-urlencoded}, in the charset its type declares, UTF-8 when none,
 * read strictly by {@link Open311Text}), a {@code multipart/form-data} body (fields the same way,
 * files apart: {@link Open311Multipart}) — or an XML body whose
 * root's child elements are the parameters. A parameter sent empty is treated exactly as one not
 * sent. The XML reader refuses any document type declaration, so no entity (external or
 * expanding) is ever resolved.
 */
final class Open311Params {

    private static final int MAX_VALUES = 200;
    private static final int MAX_LIST = 100;
    private final Map<String, List<String>> values;
    private final List<Open311Multipart.Upload> uploads;

    private Open311Params(Map<String, List<String>> values) {
        this(values, List.of());
    }

    private Open311Params(Map<String, List<String>> values, List<Open311Multipart.Upload> uploads) {
        this.values = values;
        this.uploads = List.copyOf(uploads);
    }

    /** The files of a multipart body, in order; none for other bodies. */
    List<Open311Multipart.Upload> uploads() {
        return uploads;
    }

    static Open311Params of(ServerRequest req) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        req.query().names().forEach(name -> req.query().all(name).forEach(v -> add(values, name, v)));
        if (req.prologue().method() == Method.POST && req.content().hasEntity()) {
            byte[] body;
            try {
                body = req.content().inputStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String declared = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
            String type = declared.toLowerCase(Locale.ROOT);
            if (type.startsWith("multipart/form-data")) {
                Open311Multipart.Parts parts = Open311Multipart.read(body, declared);   // the boundary is case-sensitive
                parts.fields().forEach(f -> addSent(values, f.name(), f.value()));
                return new Open311Params(values, parts.uploads());
            } else if (type.contains("xml")) {
                readXml(body, values);
            } else if (type.isEmpty() || type.startsWith("application/x-www-form-urlencoded")) {
                readForm(body, Open311Text.charset(type), values);
            } else {
                throw new BadRequest("send the parameters form-encoded (application/x-www-form-urlencoded or multipart/form-data)");
            }
        }
        return new Open311Params(values);
    }

    /** For tests and callers that already hold the values. */
    static Open311Params of(Map<String, List<String>> values) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, vs) -> vs.forEach(v -> add(copy, k, v)));
        return new Open311Params(copy);
    }

    Optional<String> optional(String name) {
        List<String> all = values.getOrDefault(name, List.of());
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new BadRequest(name + " is required"));
    }

    /** A comma-separated list (empty items dropped), also accepted as the parameter repeated. */
    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (String v : values.getOrDefault(name, List.of())) {
            for (String item : v.split(",")) {
                if (!item.isBlank()) {
                    out.add(item.strip());
                }
                if (out.size() > MAX_LIST) {
                    throw new BadRequest(name + ": at most " + MAX_LIST + " values");
                }
            }
        }
        return out;
    }

    Optional<Instant> instant(String name) {
        return optional(name).map(v -> {
            try {
                Instant instant = OffsetDateTime.parse(v).toInstant();
                if (!Bounds.inRange(instant)) {
                    throw new BadRequest(name + " must lie between " + Bounds.FIRST_DATE + " and " + Bounds.LAST_DATE);
                }
                return instant;
            } catch (DateTimeParseException e) {
                throw new BadRequest(name + " must be an ISO 8601 date and time with its offset, such as 2026-11-25T09:00:00+03:00");
            }
        });
    }

    Optional<Double> number(String name) {
        return optional(name).map(v -> {
            try {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new BadRequest(name + " must be a decimal number");
            }
        });
    }

    Optional<Integer> integer(String name, int min, int max) {
        return optional(name).map(v -> {
            try {
                int i = Integer.parseInt(v);
                if (i < min || i > max) {
                    throw new NumberFormatException();
                }
                return i;
            } catch (NumberFormatException e) {
                throw new BadRequest(name + " must be a whole number from " + min + " to " + max);
            }
        });
    }

    /** The dates a query covers: given (at most {@code maxSpan} apart), filled up to that span, or the last {@code maxSpan}. */
    record Window(Optional<Instant> from, Optional<Instant> to) {
    }

    /** {@code start_date} and {@code end_date}; without either, the span up to now, or no window if not {@code defaultToRecent}. */
    Window window(Duration maxSpan, Instant now, boolean defaultToRecent) {
        Optional<Instant> start = instant("start_date");
        Optional<Instant> end = instant("end_date");
        if (start.isPresent() && end.isPresent()) {
            if (end.get().isBefore(start.get())) {
                throw new BadRequest("end_date is before start_date");
            }
            if (Duration.between(start.get(), end.get()).compareTo(maxSpan) > 0) {
                throw new BadRequest("start_date and end_date may not span more than " + maxSpan.toDays() + " days");
            }
            return new Window(start, end);
        }
        if (start.isPresent()) {
            return new Window(start, Optional.of(start.get().plus(maxSpan)));
        }
        if (end.isPresent()) {
            return new Window(Optional.of(end.get().minus(maxSpan)), end);
        }
        return defaultToRecent ? new Window(Optional.of(now.minus(maxSpan)), Optional.of(now))
                : new Window(Optional.empty(), Optional.empty());
    }

    /** {@code open}, {@code closed} or both (a comma list): empty when either will do. */
    Optional<Boolean> closed(String name) {
        boolean open = false;
        boolean closed = false;
        for (String v : list(name)) {
            switch (v.toLowerCase(Locale.ROOT)) {
                case "open" -> open = true;
                case "closed" -> closed = true;
                default -> throw new BadRequest(name + " must be open or closed");
            }
        }
        return open == closed ? Optional.empty() : Optional.of(closed);
    }

    Optional<String> limited(String name, int max) {
        Optional<String> value = optional(name);
        if (value.isPresent() && value.get().length() > max) {
            throw new BadRequest(name + ": at most " + max + " characters");
        }
        return value;
    }

    /** A URL kept as text: it is never fetched, only checked to be a web address. */
    Optional<String> url(String name) {
        Optional<String> value = limited(name, 2000);
        if (value.isPresent() && !value.get().matches("(?i)https?://\\S+")) {
            throw new BadRequest(name + " must be an http or https URL");
        }
        return value;
    }

    /** {@code attribute[CODE]} and {@code attribute[CODE][]}: each code with all its values. */
    Map<String, List<String>> attributes() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        values.forEach((name, vs) -> {
            if (name.startsWith("attribute[")) {
                int end = name.indexOf(']');
                String code = end < 0 ? "" : name.substring("attribute[".length(), end);
                String rest = end < 0 ? "" : name.substring(end + 1);
                if (code.isBlank() || !(rest.isEmpty() || rest.equals("[]"))) {
                    throw new BadRequest("attributes are sent as attribute[CODE] or attribute[CODE][]");
                }
                out.computeIfAbsent(code, k -> new ArrayList<>()).addAll(vs);
            }
        });
        return out;
    }

    /** The name a client knows a field of our intake by (for error descriptions). */
    static String wireName(String field) {
        return switch (field) {
            case "categoryCode" -> "service_code";
            case "location" -> "lat/long";
            case "buildingId" -> "address_id";
            case "address" -> "address_string";
            case "caller.phone" -> "phone";
            default -> field;
        };
    }

    private static void readForm(byte[] body, Charset charset, Map<String, List<String>> values) {
        int start = 0;
        while (start <= body.length) {
            int end = start;
            while (end < body.length && body[end] != '&') {
                end++;
            }
            if (end > start) {
                int eq = start;
                while (eq < end && body[eq] != '=') {
                    eq++;
                }
                String name = Open311Text.decode(Open311Text.percentDecode(body, start, eq), charset, "a parameter name");
                String value = eq < end ? Open311Text.decode(Open311Text.percentDecode(body, eq + 1, end), charset, name) : "";
                addSent(values, name, value);
            }
            start = end + 1;
        }
    }

    private static void readXml(byte[] body, Map<String, List<String>> values) {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();   // the JDK's own, whatever else is on the class path
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException ignored) {
            // a parser without the property: SUPPORT_DTD=false and the refusal below suffice
        }
        try {
            XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            int depth = 0;
            String name = null;
            StringBuilder text = new StringBuilder();
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new BadRequest("XML with a document type declaration (DOCTYPE) is refused");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new BadRequest("XML entities other than the predefined ones are refused");
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        if (depth == 2) {
                            String code = r.getAttributeValue(null, "code");
                            name = r.getLocalName().equals("attribute") && code != null ? "attribute[" + code + "]" : r.getLocalName();
                            text.setLength(0);
                        } else if (depth > 2) {
                            throw new BadRequest("the XML body holds one element per parameter, without nesting");
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (depth == 2) {
                            text.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (depth == 2) {
                            addSent(values, name, text.toString());
                        }
                        depth--;
                    }
                    default -> {
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new BadRequest("the XML body is not well-formed");
        }
    }

    /** A value from the body: text people will read, so one that arrived as question marks is refused. */
    static void addSent(Map<String, List<String>> values, String name, String value) {
        if (value != null) {
            Open311Text.refuseQuestionMarks(name, value);
        }
        add(values, name, value);
    }

    private static void add(Map<String, List<String>> values, String name, String value) {
        if (value == null || value.isBlank()) {
            return;   // sent empty = not sent
        }
        List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
        if (values.size() > MAX_VALUES || list.size() >= MAX_VALUES) {
            throw new BadRequest("too many parameters");
        }
        list.add(value.strip());
    }
}
