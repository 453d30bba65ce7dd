package org.opencity.backend.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.opencity.model.Bounds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.Set;

/**
 * The one JSON configuration of the API. Unknown properties are rejected (no mass assignment:
 * a client cannot slip a {@code status} or {@code organisationId} into an input record), nulls
 * are left out of output, and times are ISO-8601 strings.
 *
 * <p>Reading is strict, so a wrong type is a 400 rather than a silent default: no number or
 * boolean is read from text or from another JSON type ({@code "60"} is not a number, {@code 1}
 * not a boolean, {@code ""} not an id), no float becomes an int, no number an enum, and a date or time
 * is only ever an ISO string ({@code []} and {@code [2026, 1, 1]} are refused), within
 * {@link Bounds#FIRST_DATE} and {@link Bounds#LAST_DATE}. Text holding U+0000 or a lone
 * surrogate is refused by the parser itself ({@link SafeTextJsonFactory}). A number where text is
 * expected is still read as its digits: stored timeline details (maps of strings) hold numbers.
 */
public final class Json {

    private static final Set<Class<?>> TIMES = Set.of(Instant.class, LocalDate.class, LocalDateTime.class, LocalTime.class,
                                                      OffsetDateTime.class, ZonedDateTime.class);

    private static final ObjectMapper MAPPER = JsonMapper.builder(new SafeTextJsonFactory())
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .addModule(new SimpleModule("strict-times").setDeserializerModifier(new StrictTimes()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfigDefaults(c -> c.setAcceptBlankAsEmpty(false)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Enum, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    static {
        // bounded parsing: deeply nested or huge documents are refused before they cost memory
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                                                             .maxNestingDepth(64)
                                                             .maxStringLength(1_000_000)
                                                             .maxNumberLength(100)
                                                             .build());
    }

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wraps the date and time deserializers: an ISO string only, and a date within the bounds. */
    private static final class StrictTimes extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            return TIMES.contains(description.getBeanClass()) ? new StrictTime(deserializer, description.getBeanClass()) : deserializer;
        }
    }

    private static final class StrictTime extends DelegatingDeserializer {

        private final Class<?> type;

        StrictTime(JsonDeserializer<?> delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new StrictTime(delegate, type);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING) || p.getText().isBlank()) {
                return ctxt.handleUnexpectedToken(type, p.currentToken(), p, "expected an ISO-8601 text such as 2026-11-28");
            }
            Object value = super.deserialize(p, ctxt);
            if (value instanceof Temporal t && !inBounds(t)) {
                return ctxt.handleWeirdStringValue(type, p.getText(), "outside %s to %s", Bounds.FIRST_DATE, Bounds.LAST_DATE);
            }
            return value;
        }

        private static boolean inBounds(Temporal t) {
            return switch (t) {
                case Instant i -> Bounds.inRange(i);
                case LocalDate d -> Bounds.inRange(d);
                case LocalDateTime d -> Bounds.inRange(d.toLocalDate());
                case OffsetDateTime d -> Bounds.inRange(d.toInstant());
                case ZonedDateTime d -> Bounds.inRange(d.toInstant());
                default -> true;
            };
        }
    }
}
