package org.opencity.backend.open311;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.errors.NotFound;

import java.util.Locale;
import java.util.Optional;

/** The two representations of every Open311 resource, chosen by the path's suffix ({@code .xml}, {@code .json}). */
enum Open311Format {
    XML("xml", "text/xml; charset=utf-8"),
    JSON("json", "application/json; charset=utf-8");

    private final String suffix;
    private final String contentType;

    Open311Format(String suffix, String contentType) {
        this.suffix = suffix;
        this.contentType = contentType;
    }

    /** The format a path parameter names; an unknown one is a resource we do not have. */
    static Open311Format of(String suffix) {
        return parse(suffix).orElseThrow(() -> new NotFound("the format must be xml or json"));
    }

    /** The format of a path ending in {@code .xml} or {@code .json}; XML otherwise (the spec's required format). */
    static Open311Format ofPath(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? XML : parse(path.substring(dot + 1)).orElse(XML);
    }

    private static Optional<Open311Format> parse(String suffix) {
        String s = suffix == null ? "" : suffix.toLowerCase(Locale.ROOT);
        for (Open311Format f : values()) {
            if (f.suffix.equals(s)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    String suffix() {
        return suffix;
    }

    /** Sends the document; to a HEAD request, only the status and headers the GET would have. */
    void send(ServerRequest req, ServerResponse res, Status status, Open311Document document) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (req.prologue().method() == Method.HEAD) {
            res.send();
        } else {
            res.send(this == XML ? document.xml() : document.json());
        }
    }
}
