package org.opencity.mobile;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.opencity.model.ServiceCategoryView;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * Loads the service catalogue off the UI thread and exposes it, with a status line, as
 * observable state for the view. No I/O happens on the JavaFX thread.
 */
public final class CataloguePresenter {

    private final CatalogueSource source;
    private final Executor background;
    private final ObservableList<ServiceCategoryView> categories = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public CataloguePresenter(CatalogueSource source, Executor background) {
        this.source = source;
        this.background = background;
    }

    public ObservableList<ServiceCategoryView> categories() {
        return categories;
    }

    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    public void load(String locale) {
        status.set("Loading…");
        background.execute(() -> {
            try {
                List<ServiceCategoryView> loaded = source.categories(locale);
                Platform.runLater(() -> {
                    categories.setAll(loaded);
                    status.set(loaded.size() + " service categories");
                });
            } catch (BackendException e) {
                Platform.runLater(() -> status.set("Offline: " + e.getMessage()));
            }
        });
    }
}
