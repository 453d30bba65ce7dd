package org.opencity.backend.requests;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.config.ContactSettings;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.TooManyRequests;
import org.opencity.backend.photos.PhotoUploads;
import org.opencity.backend.web.ClientAddress;
import org.opencity.backend.web.Locales;
import org.opencity.backend.web.PathParams;
import org.opencity.backend.web.RateLimiter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.UUID;

/**
 * What anyone may see without signing in, under {@code /api/v1/public}: a request's status by its
 * number, the photos of the work on it, and the map of open requests (by building, anonymised).
 * How to reach the city besides the web ({@code /contacts}: the app stores' pages, the call centre's
 * phone, each only when configured) is public too, for the front door. Request numbers are sequential, so status lookups are limited per address: enough for people
 * checking their requests, far too few to walk the numbers.
 */
public final class PublicService implements HttpService {

    private final PublicStatus status;
    private final PhotoUploads photos;
    private final RateLimiter lookups;
    private final Contacts contacts;

    public PublicService(PublicStatus status, PhotoUploads photos, RateLimiter lookups, ContactSettings contacts) {
        this.status = status;
        this.photos = photos;
        this.lookups = lookups;
        this.contacts = new Contacts(contacts.appStore().map(URI::toString).orElse(null),
                                     contacts.playStore().map(URI::toString).orElse(null), contacts.phone().orElse(null));
    }

    /** The answer of {@code /contacts}: what is not configured is left out. */
    public record Contacts(String appStoreUrl, String playStoreUrl, String callCentrePhone) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/contacts", this::contacts)
                .get("/map", this::map)
                .get("/requests/{number}", this::request)
                .get("/photos/{photoId}", this::photo);
    }

    private void request(ServerRequest req, ServerResponse res) {
        lookups.acquire(ClientAddress.of(req)).ifPresent(wait -> {
            throw new TooManyRequests("too many request numbers looked up from this address; wait before the next", wait);
        });
        String number = req.path().pathParameters().get("number");
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=30");
        res.send(status.of(number, Locales.of(req)).orElseThrow(() -> new NotFound("no request with this number")));
    }

    private void contacts(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        res.send(contacts);
    }

    private void map(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=60");
        res.send(status.map(Locales.of(req)));
    }

    private void photo(ServerRequest req, ServerResponse res) {
        UUID id = PathParams.uuid(req, "photoId");
        if (!status.isPublicPhoto(id)) {
            throw new NotFound("no such photo");
        }
        InputStream in = photos.publicDisplay(id).orElseThrow(() -> new NotFound("no such photo"));
        res.header(HeaderNames.CONTENT_TYPE, "image/jpeg");
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=86400, immutable");
        res.header(HeaderNames.create("Content-Security-Policy"), "default-src 'none'; sandbox");
        try (in; OutputStream out = res.outputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
