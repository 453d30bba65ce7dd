package org.opencity.mobile;

import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Styles;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.opencity.model.ServiceCategoryView;
import org.opencity.model.SlaStage;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Open City app on the desktop JVM. The backend address comes from {@code --backend=URL},
 * else the {@code OPENCITY_BACKEND} environment variable, else {@code http://localhost:8080}.
 */
public final class OpenCityApp extends Application {

    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    @Override
    public void start(Stage stage) {
        URI backend = URI.create(getParameters().getNamed().getOrDefault("backend",
                orDefault(System.getenv("OPENCITY_BACKEND"), "http://localhost:8080")));
        CataloguePresenter presenter = new CataloguePresenter(new BackendClient(backend), background);

        Label title = new Label("Open City");
        title.getStyleClass().add(Styles.TITLE_2);
        Label server = new Label(backend.toString());
        server.getStyleClass().add(Styles.TEXT_MUTED);
        Label status = new Label();
        status.textProperty().bind(presenter.status());

        ListView<ServiceCategoryView> list = new ListView<>(presenter.categories());
        list.setCellFactory(v -> new CategoryCell());

        VBox header = new VBox(4, title, server, status);
        header.setPadding(new Insets(16));
        BorderPane root = new BorderPane(list, header, null, null, null);

        stage.setTitle("Open City");
        stage.setScene(new Scene(root, 400, 720));
        stage.show();
        presenter.load(Locale.getDefault().getLanguage());
    }

    @Override
    public void stop() {
        background.shutdownNow();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A category with the time until work must start (acceptance plus start deadlines), large enough to tap. */
    private static final class CategoryCell extends ListCell<ServiceCategoryView> {
        @Override
        protected void updateItem(ServiceCategoryView item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label name = new Label(item.name());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            int untilWork = item.slaMinutes().getOrDefault(SlaStage.ACCEPT, 0) + item.slaMinutes().getOrDefault(SlaStage.START, 0);
            Label detail = new Label((item.emergency() ? "Emergency · " : "")
                                             + (untilWork == 0 ? "" : "work starts within " + hours(untilWork)
                                                + (item.emergency() ? "" : " (working time)")));
            detail.getStyleClass().add(item.emergency() ? Styles.DANGER : Styles.TEXT_MUTED);
            VBox box = new VBox(2, name, detail);
            box.setMinHeight(48);
            box.setPadding(new Insets(6, 8, 6, 8));
            setGraphic(box);
        }

        private static String hours(int minutes) {
            return minutes < 60 ? minutes + " min" : (minutes / 60) + " h";
        }
    }

    public static void main(String[] args) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        launch(args);
    }
}
