package org.opencity.mobile.ui;

import atlantafx.base.theme.Styles;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.opencity.mobile.I18n;

import java.util.List;
import java.util.Map;

/** Language, text size, the account and signing out. */
final class SettingsView {

    private static final Map<String, String> LANGUAGE_NAMES = Map.of("ru", "Русский", "tt", "Татарча", "en", "English");
    private final VBox box = Ui.page();

    SettingsView(AppModel model, Shell shell, Runnable onSignedOut) {
        I18n i18n = model.i18n();
        box.setId("settingsView");
        ToggleGroup languages = new ToggleGroup();
        HBox languageRow = new HBox();
        for (String language : I18n.LANGUAGES) {
            ToggleButton b = new ToggleButton(LANGUAGE_NAMES.get(language));
            b.setId("language-" + language);
            b.setToggleGroup(languages);
            b.setSelected(language.equals(i18n.language()));
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
            b.setOnAction(e -> model.i18nProperty().set(new I18n(language)));
            languageRow.getChildren().add(b);
        }
        ToggleGroup sizes = new ToggleGroup();
        HBox sizeRow = new HBox();
        List<Double> scales = List.of(1.0, 1.25, 1.5);
        List<String> names = List.of("settings.textNormal", "settings.textLarge", "settings.textLarger");
        for (int i = 0; i < scales.size(); i++) {
            double scale = scales.get(i);
            ToggleButton b = new ToggleButton(i18n.t(names.get(i)));
            b.setId("textSize-" + i);
            b.setToggleGroup(sizes);
            b.setSelected(Math.abs(model.textScale().get() - scale) < 0.01);
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
            b.setOnAction(e -> model.textScale().set(scale));
            sizeRow.getChildren().add(b);
        }
        Button signOut = Ui.button(i18n.t("settings.signOut"), Material2AL.LOG_OUT, "signOut");
        signOut.getStyleClass().add(Styles.DANGER);
        signOut.setOnAction(e -> Ui.async(model.background(), () -> {
            model.service().signOut();
            return true;
        }, ok -> onSignedOut.run(), ex -> onSignedOut.run()));
        String who = model.me().get() == null ? "" : model.me().get().displayName();
        box.getChildren().addAll(Ui.section(i18n.t("settings.language"), languageRow), Ui.section(i18n.t("settings.textSize"), sizeRow),
                                 Ui.section(i18n.t("sync.title"), new SyncView(model).node()),
                                 Ui.muted(i18n.t("settings.account", who)), signOut);
    }

    Node node() {
        return box;
    }
}
