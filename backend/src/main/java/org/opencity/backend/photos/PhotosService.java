package org.opencity.backend.photos;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.accounts.Callers;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.web.PathParams;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Photos: {@code /api/v1/photos/{photoId}} — upload status and chunks
 * ({@code PUT .../upload?offset=N} with the raw bytes), and the stored variants, served only to
 * callers who may see the request, as images that cannot be sniffed into anything else.
 */
public final class PhotosService implements HttpService {

    private final PhotoUploads uploads;

    public PhotosService(PhotoUploads uploads) {
        this.uploads = uploads;
    }

    /** The uploads behind the routes (housekeeping runs on them too). */
    public PhotoUploads uploads() {
        return uploads;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{photoId}/upload", this::status)
                .put("/{photoId}/upload", this::upload)
                .get("/{photoId}/display", (req, res) -> send(req, res, "display"))
                .get("/{photoId}/thumbnail", (req, res) -> send(req, res, "thumbnail"))
                .get("/{photoId}/original", (req, res) -> send(req, res, "original"));
    }

    private void status(ServerRequest req, ServerResponse res) {
        res.send(uploads.status(Callers.required(req), PathParams.uuid(req, "photoId")));
    }

    private void upload(ServerRequest req, ServerResponse res) {
        long offset;
        try {
            offset = Long.parseLong(req.query().first("offset").orElse("0"));
        } catch (NumberFormatException e) {
            throw ValidationFailed.of("offset", "format", "a byte offset");
        }
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(PhotoUploads.MAX_CHUNK + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        res.send(uploads.append(Callers.required(req), PathParams.uuid(req, "photoId"), offset, bytes));
    }

    private void send(ServerRequest req, ServerResponse res, String variant) {
        UUID id = PathParams.uuid(req, "photoId");
        InputStream in = uploads.read(Callers.required(req), id, variant).orElseThrow(() -> new NotFound("no such photo"));
        res.header(HeaderNames.CONTENT_TYPE, variant.equals("original") ? "application/octet-stream" : "image/jpeg");
        res.header(HeaderNames.CACHE_CONTROL, "private, max-age=86400, immutable");
        res.header(HeaderNames.CONTENT_DISPOSITION, variant.equals("original")
                ? "attachment; filename=\"" + id + "-original\"" : "inline");
        res.header(HeaderNames.create("Content-Security-Policy"), "default-src 'none'; sandbox");
        try (in; OutputStream out = res.outputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
