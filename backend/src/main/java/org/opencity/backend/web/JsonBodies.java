package org.opencity.backend.web;

import io.helidon.common.GenericType;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;
import io.helidon.http.media.EntityReader;
import io.helidon.http.media.MediaContext;
import io.helidon.http.media.MediaSupport;
import io.helidon.http.media.jackson.JacksonSupport;

import java.io.InputStream;

/**
 * The JSON media support of the server: Jackson with {@link Json#mapper()}, except that a request
 * body that is the JSON literal {@code null} is refused ({@link NullBody}) instead of reaching a
 * handler as a null record. Other media types stay unsupported, which the routing turns into 415.
 */
public final class JsonBodies implements MediaSupport {

    private final MediaSupport jackson = JacksonSupport.create(Json.mapper());

    /** A JSON body that is {@code null}: no input at all where a document was expected. */
    public static final class NullBody extends RuntimeException {
        NullBody() {
            super("the body is null", null, false, false);
        }
    }

    @Override
    public String name() {
        return jackson.name();
    }

    @Override
    public String type() {
        return jackson.type();
    }

    @Override
    public void init(MediaContext context) {
        jackson.init(context);
    }

    @Override
    public <T> ReaderResponse<T> reader(GenericType<T> type, Headers requestHeaders) {
        ReaderResponse<T> response = jackson.reader(type, requestHeaders);
        return response.support() == SupportLevel.NOT_SUPPORTED ? response
                : new ReaderResponse<>(response.support(), () -> refusingNull(response.supplier().get()));
    }

    @Override
    public <T> ReaderResponse<T> reader(GenericType<T> type, Headers requestHeaders, Headers responseHeaders) {
        return jackson.reader(type, requestHeaders, responseHeaders);
    }

    @Override
    public <T> WriterResponse<T> writer(GenericType<T> type, Headers requestHeaders, WritableHeaders<?> responseHeaders) {
        return jackson.writer(type, requestHeaders, responseHeaders);
    }

    @Override
    public <T> WriterResponse<T> writer(GenericType<T> type, WritableHeaders<?> requestHeaders) {
        return jackson.writer(type, requestHeaders);
    }

    private static <T> EntityReader<T> refusingNull(EntityReader<T> reader) {
        return new EntityReader<>() {
            @Override
            public T read(GenericType<T> type, InputStream stream, Headers headers) {
                return nonNull(reader.read(type, stream, headers));
            }

            @Override
            public T read(GenericType<T> type, InputStream stream, Headers requestHeaders, Headers responseHeaders) {
                return nonNull(reader.read(type, stream, requestHeaders, responseHeaders));
            }
        };
    }

    private static <T> T nonNull(T value) {
        if (value == null) {
            throw new NullBody();
        }
        return value;
    }
}
