package org.opencity.backend.photos;

import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import org.opencity.backend.accounts.Caller;
import org.opencity.backend.db.Rows;
import org.opencity.backend.db.Transactions;
import org.opencity.backend.errors.Conflict;
import org.opencity.backend.errors.NotFound;
import org.opencity.backend.errors.ValidationFailed;
import org.opencity.backend.requests.RequestQueries;
import org.opencity.backend.sync.SyncFeed;
import org.opencity.model.sync.UploadStatus;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Resumable, idempotent photo uploads. A photo is first announced by a command (its id, SHA-256
 * and size); its bytes then arrive in chunks at increasing offsets, kept in the database so that
 * any backend node can take the next chunk and a crash loses nothing. When the last byte is in,
 * the whole is checked against the announced hash and by {@link PhotoProcessor}; only then are
 * the original (kept private, as evidence), the display copy and the thumbnail written to the
 * {@link PhotoStore} and the photo marked stored. A refused photo leaves no chunk and no file.
 */
public final class PhotoUploads {

    /** Largest chunk one request may carry. */
    public static final int MAX_CHUNK = 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(PhotoUploads.class.getName());

    private final Transactions tx;
    private final PhotoStore store;
    private final PhotoProcessor processor;
    private final RequestQueries requests;
    private final Clock clock;

    public PhotoUploads(Transactions tx, PhotoStore store, PhotoProcessor processor, RequestQueries requests, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.processor = processor;
        this.requests = requests;
        this.clock = clock;
    }

    public UploadStatus status(Caller caller, UUID photoId) {
        return tx.inTransaction(t -> status(photo(t, caller, photoId, false)));
    }

    /**
     * Takes the bytes at {@code offset}. Bytes the server already holds are skipped (a resend after
     * a lost answer is harmless); a gap is refused with the offset to continue from.
     */
    public UploadStatus append(Caller caller, UUID photoId, long offset, byte[] bytes) {
        if (bytes.length > MAX_CHUNK) {
            throw ValidationFailed.of("body", "too-large", "send at most " + MAX_CHUNK + " bytes at a time");
        }
        UploadStatus status = tx.inTransaction(t -> {
            Photo p = photo(t, caller, photoId, true);
            if (p.stored || p.rejected != null) {
                return status(p);
            }
            if (offset < 0 || offset > p.received) {
                throw new Conflict("expected the bytes from offset " + p.received);
            }
            if (offset + bytes.length > p.size) {
                throw ValidationFailed.of("body", "beyond-size", "the photo was announced as " + p.size + " bytes");
            }
            long skip = p.received - offset;
            if (skip < bytes.length) {
                byte[] tail = java.util.Arrays.copyOfRange(bytes, (int) skip, bytes.length);
                t.createInsert("INSERT INTO photo_chunk (photo_id, offset_b, data) VALUES (:id, :offset, :data)")
                        .addParam("id", photoId).addParam("offset", p.received).addParam("data", tail).execute();
                t.createUpdate("UPDATE request_photo SET received_bytes = :received WHERE id = :id")
                        .addParam("received", p.received + tail.length).addParam("id", photoId).execute();
                p = new Photo(p.id, p.requestId, p.sha256, p.size, p.received + tail.length, false, null);
            }
            if (p.received == p.size) {
                return complete(t, p);
            }
            return status(p);
        });
        if (status.rejected() != null) {
            // the refusal is committed (chunks gone, reason kept); now tell the caller
            throw ValidationFailed.of("photo", "refused", status.rejected());
        }
        return status;
    }

    /** The display copy, thumbnail or original of a stored photo, for a caller who may see its request. */
    public Optional<java.io.InputStream> read(Caller caller, UUID photoId, String variant) {
        Photo p = tx.inTransaction(t -> photo(t, caller, photoId, false));
        if (!p.stored) {
            throw new NotFound("the photo has not arrived yet");
        }
        return store.get(key(photoId, variant));
    }

    /** The display copy of a stored photo, with no check of who asks: for photos already known to be public. */
    public Optional<java.io.InputStream> publicDisplay(UUID photoId) {
        return store.get(key(photoId, "display"));
    }

    private UploadStatus complete(DbTransaction t, Photo p) {
        ByteArrayOutputStream whole = new ByteArrayOutputStream((int) p.size);
        try (var rows = t.createQuery("SELECT data FROM photo_chunk WHERE photo_id = :id ORDER BY offset_b")
                .addParam("id", p.id).execute()) {
            rows.forEach(r -> whole.writeBytes((byte[]) r.column("data").get()));
        }
        byte[] bytes = whole.toByteArray();
        String reason = null;
        PhotoProcessor.Result.Accepted accepted = null;
        if (!HexFormat.of().formatHex(sha256(bytes)).equals(p.sha256)) {
            reason = "the photo does not match its announced SHA-256; take it again";
        } else {
            switch (processor.process(bytes)) {
                case PhotoProcessor.Result.Accepted a -> accepted = a;
                case PhotoProcessor.Result.Refused r -> reason = r.reason();
            }
        }
        t.createDelete("DELETE FROM photo_chunk WHERE photo_id = :id").addParam("id", p.id).execute();
        if (accepted == null) {
            t.createUpdate("UPDATE request_photo SET rejected_at = :now, rejected_reason = :reason, received_bytes = 0 WHERE id = :id")
                    .addParam("now", Rows.param(clock.instant())).addParam("reason", reason).addParam("id", p.id).execute();
            SyncFeed.photoChanged(t, p.requestId);
            LOG.info("photo " + p.id + " refused: " + reason);
            return new UploadStatus(p.id, p.size, 0, false, reason);
        }
        store(t, p.id, p.requestId, bytes, accepted);
        return new UploadStatus(p.id, p.size, p.size, true, null);
    }

    /** The checks every photo passes before it is kept: type by content, size in pixels. */
    public PhotoProcessor.Result check(byte[] original) {
        return processor.process(original);
    }

    /**
     * Keeps a photo that arrived whole with its request (an Open311 multipart form) and passed
     * {@link #check}, in the transaction that announced it: stored exactly as a completed upload.
     */
    public void store(DbTransaction t, UUID photoId, UUID requestId, byte[] original, PhotoProcessor.Result.Accepted accepted) {
        store.put(key(photoId, "original"), original, accepted.contentType());
        store.put(key(photoId, "display"), accepted.display(), "image/jpeg");
        store.put(key(photoId, "thumbnail"), accepted.thumbnail(), "image/jpeg");
        t.createUpdate("""
                UPDATE request_photo SET stored_at = :now, received_bytes = size, width = :w, height = :h, content_type = :type
                WHERE id = :id""")
                .addParam("now", Rows.param(clock.instant())).addParam("w", accepted.width()).addParam("h", accepted.height())
                .addParam("type", accepted.contentType()).addParam("id", photoId).execute();
        SyncFeed.photoChanged(t, requestId);
    }

    /**
     * Gives up on photos announced longer ago than {@code patience} that never arrived (the device
     * was lost, or its session ended): they are marked refused with the reason, their partial bytes
     * are deleted, and the request no longer waits for them. Answers how many were given up.
     */
    public int abandonOlderThan(Duration patience) {
        Instant before = clock.instant().minus(patience);
        return tx.inTransaction(t -> {
            List<DbRow> stale;
            try (var rows = t.createQuery("""
                    SELECT id, request_id FROM request_photo
                    WHERE stored_at IS NULL AND rejected_at IS NULL AND announced_at < :before
                    ORDER BY announced_at LIMIT 500 FOR UPDATE SKIP LOCKED""").addParam("before", Rows.param(before)).execute()) {
                stale = rows.toList();
            }
            String reason = "never arrived: the device did not finish sending it within " + patience.toDays() + " days";
            for (DbRow row : stale) {
                UUID id = Rows.uuid(row, "id");
                t.createDelete("DELETE FROM photo_chunk WHERE photo_id = :id").addParam("id", id).execute();
                t.createUpdate("UPDATE request_photo SET rejected_at = :now, rejected_reason = :reason, received_bytes = 0 WHERE id = :id")
                        .addParam("now", Rows.param(clock.instant())).addParam("reason", reason).addParam("id", id).execute();
                SyncFeed.photoChanged(t, Rows.uuid(row, "request_id"));
            }
            if (!stale.isEmpty()) {
                LOG.info(stale.size() + " photo(s) " + reason);
            }
            return stale.size();
        });
    }

    /** Keys in the store: one per photo and variant. */
    public static String key(UUID photoId, String variant) {
        return photoId + switch (variant) {
            case "original" -> ".orig";
            case "display" -> ".jpg";
            case "thumbnail" -> ".thumb";
            default -> throw new IllegalArgumentException("no such variant");
        };
    }

    private record Photo(UUID id, UUID requestId, String sha256, long size, long received, boolean stored, String rejected) {
    }

    /** The photo, if the caller announced it or may see its request; otherwise "not found". */
    private Photo photo(DbTransaction t, Caller caller, UUID photoId, boolean lock) {
        DbRow row = t.createGet("""
                SELECT id, request_id, sha256, size, received_bytes, stored_at IS NOT NULL AS stored, rejected_reason, uploaded_by
                FROM request_photo WHERE id = :id""" + (lock ? " FOR UPDATE" : ""))
                .addParam("id", photoId).execute().orElseThrow(() -> new NotFound("no such photo"));
        UUID request = Rows.uuid(row, "request_id");
        boolean announcer = Rows.optionalUuid(row, "uploaded_by").map(caller.userId()::equals).orElse(false);
        if (!announcer && !requests.visible(caller, request)) {
            throw new NotFound("no such photo");
        }
        return new Photo(photoId, request, Rows.string(row, "sha256"), Rows.longValue(row, "size"),
                         Rows.longValue(row, "received_bytes"), Rows.bool(row, "stored"),
                         Rows.optionalString(row, "rejected_reason").orElse(null));
    }

    private static UploadStatus status(Photo p) {
        return new UploadStatus(p.id, p.size, p.stored ? p.size : p.received, p.stored, p.rejected);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
