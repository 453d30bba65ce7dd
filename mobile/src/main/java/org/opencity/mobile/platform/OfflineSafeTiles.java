package org.opencity.mobile.platform;

import com.gluonhq.impl.maps.tile.osm.CachedOsmTileRetriever;
import com.gluonhq.maps.tile.TileRetriever;
import javafx.scene.image.Image;

import java.util.concurrent.CompletableFuture;

/**
 * Map tiles for Gluon Maps (found through {@link java.util.ServiceLoader}): the library's own
 * OpenStreetMap retriever with its file cache, except that a tile that cannot be had (no network)
 * is simply blank. The library reads a tile that already failed with {@code getNow}, which throws
 * on the JavaFX thread in the middle of a layout pass and leaves the rest of the screen unlaid —
 * offline, the report screen's fields came out zero pixels high.
 */
public final class OfflineSafeTiles implements TileRetriever {

    private final TileRetriever cached = new CachedOsmTileRetriever();

    @Override
    public CompletableFuture<Image> loadTile(int zoom, long i, long j) {
        try {
            return cached.loadTile(zoom, i, j).exceptionally(failure -> null);
        } catch (RuntimeException failure) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
