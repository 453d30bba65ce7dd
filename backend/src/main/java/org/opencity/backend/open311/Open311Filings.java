package org.opencity.backend.open311;

import org.opencity.backend.errors.BadRequest;
import org.opencity.backend.integrations.ApiClient;
import org.opencity.backend.photos.PhotoProcessor;
import org.opencity.backend.photos.PhotoUploads;
import org.opencity.model.Ids;
import org.opencity.model.request.PhotoAnnouncement;
import org.opencity.model.request.PhotoKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a filing carries besides plain parameters, made ready for the intake: the declared
 * attributes checked, our request id (named by the client's own report id when it sends one),
 * and the attached files checked as photos.
 */
final class Open311Filings {

    /** Bounds on what is kept of attributes we do not declare (they are stored, so they are bounded). */
    static final int MAX_EXTRA_CODE = 100;
    static final int MAX_EXTRA_VALUE = 2000;

    private final PhotoUploads photoChecks;
    private final Clock clock;

    Open311Filings(PhotoUploads photoChecks, Clock clock) {
        this.photoChecks = photoChecks;
        this.clock = clock;
    }

    /**
     * The files of a multipart filing, each checked as an app's photo upload is (type by content,
     * size, pixels) before anything is filed; a file that is not such a photo refuses the request.
     */
    List<Open311Requests.Photo> photos(List<Open311Multipart.Upload> uploads) {
        List<Open311Requests.Photo> photos = new ArrayList<>();
        for (Open311Multipart.Upload upload : uploads) {
            String name = "file " + upload.field() + " (" + upload.fileName() + ")";
            if (upload.bytes().length == 0 || upload.bytes().length > PhotoAnnouncement.MAX_SIZE) {
                throw new BadRequest(name + ": a photo of 1 byte to " + PhotoAnnouncement.MAX_SIZE / (1024 * 1024) + " MiB is expected");
            }
            switch (photoChecks.check(upload.bytes())) {
                case PhotoProcessor.Result.Accepted accepted -> photos.add(new Open311Requests.Photo(
                        new PhotoAnnouncement(Ids.newId(), PhotoKind.REPORT, sha256(upload.bytes()), upload.bytes().length,
                                              clock.instant(), null), upload.bytes(), accepted));
                case PhotoProcessor.Result.Refused refused -> throw new BadRequest(name + ": " + refused.reason());
            }
        }
        return photos;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The declared attributes, checked. Undeclared ones (FixMyStreet always sends {@code uprn}; its
     * cobrands add more) are not refused: they are kept with the submission for staff to read and
     * play no part in routing.
     */
    static Map<String, String> attributes(Open311Catalogue.Service service, Map<String, List<String>> given) {
        Map<String, String> out = new LinkedHashMap<>();
        given.forEach((code, values) -> {
            Optional<Open311Catalogue.Attribute> declared = service.attributes().stream().filter(a -> a.code().equals(code)).findFirst();
            if (declared.isEmpty()) {
                if (code.length() > MAX_EXTRA_CODE || values.stream().anyMatch(v -> v.length() > MAX_EXTRA_VALUE)) {
                    throw new BadRequest("attribute[" + code.substring(0, Math.min(code.length(), MAX_EXTRA_CODE)) + "]: codes of at most "
                                                 + MAX_EXTRA_CODE + " and values of at most " + MAX_EXTRA_VALUE + " characters");
                }
                return;
            }
            Open311Catalogue.Attribute attribute = declared.get();
            if (values.size() > 1) {
                throw new BadRequest("attribute[" + code + "] takes one value");
            }
            if (values.getFirst().length() > attribute.maxLength()) {
                throw new BadRequest("attribute[" + code + "]: at most " + attribute.maxLength() + " characters");
            }
            out.put(code, values.getFirst());
        });
        return out;
    }

    /**
     * Our id for a new request: named by the client's own report id when it sends one, so that a
     * retry after a lost answer files nothing new and answers the first request's number.
     */
    static UUID requestId(ApiClient client, Map<String, String> attributes) {
        String key = attributes.get(Open311Catalogue.CLIENT_ID_ATTRIBUTE);
        return key == null ? Ids.newId()
                : UUID.nameUUIDFromBytes(("open311:" + client.id() + ":" + key).getBytes(StandardCharsets.UTF_8));
    }
}
