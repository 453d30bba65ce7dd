package org.opencity.model.sync;

import java.util.UUID;

/**
 * How much of a photo the server holds: send the rest from {@code received}. {@code stored}
 * means it arrived whole and checked; {@code rejected} carries the reason it never will be.
 */
public record UploadStatus(UUID photoId, long size, long received, boolean stored, String rejected) {
}
