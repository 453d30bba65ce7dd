package org.opencity.mobile.ui;

import atlantafx.base.theme.Styles;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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

    /** One button per language of the app, the current one selected; choosing one rebuilds the screens in it. */
    static HBox languageRow(AppModel model) {
        ToggleGroup languages = new ToggleGroup();
        HBox languageRow = new HBox();
        languageRow.setId("languages");
        for (String language : I18n.LANGUAGES) {
            ToggleButton b = new ToggleButton(LANGUAGE_NAMES.get(language));
            b.setId("language-" + language);
            b.setToggleGroup(languages);
            b.setSelected(language.equals(model.i18n().language()));
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
            b.setOnAction(e -> model.i18nProperty().set(new I18n(language)));
            languageRow.getChildren().add(b);
        }
        return languageRow;
    }

    SettingsView(AppModel model, Shell shell, Runnable onSignedOut) {
        I18n i18n = model.i18n();
        box.setId("settingsView");
        HBox languageRow = languageRow(model);
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
        VBox signOutArea = new VBox(8, signOut);
        signOut.setOnAction(e -> {
            signOut.setDisable(true);
            Ui.async(model.background(), () -> model.service().unsentBeforeSignOut(), unsent -> {
                if (unsent == 0) {
                    signOut(model, true, onSignedOut);
                } else {
                    signOutArea.getChildren().setAll(unsentChoice(model, unsent, signOut, signOutArea, onSignedOut));
                }
            }, ex -> signOut(model, true, onSignedOut));
        });
        String who = model.me().get() == null ? "" : model.me().get().displayName();
        box.getChildren().addAll(Ui.section(i18n.t("settings.language"), languageRow), Ui.section(i18n.t("settings.textSize"), sizeRow),
                                 Ui.section(i18n.t("sync.title"), new SyncView(model).node()),
                                 Ui.muted(i18n.t("settings.account", who)), signOutArea);
    }

    /**
     * Asked when actions are still unsent at sign-out: keep them for this account's next sign-in
     * on this phone (never sent under anyone else), or discard them — only on this explicit choice.
     */
    private static Node unsentChoice(AppModel model, int unsent, Button signOut, VBox area, Runnable onSignedOut) {
        I18n i18n = model.i18n();
        Label question = Ui.text(i18n.t("signOut.unsent", unsent));
        question.setId("signOutUnsent");
        Button keep = Ui.button(i18n.t("signOut.keep"), Material2AL.ARCHIVE, "signOutKeep");
        keep.getStyleClass().add(Styles.ACCENT);
        keep.setOnAction(e -> signOut(model, true, onSignedOut));
        Button discard = Ui.button(i18n.t("signOut.discard"), Material2AL.DELETE_FOREVER, "signOutDiscard");
        discard.getStyleClass().add(Styles.DANGER);
        discard.setOnAction(e -> signOut(model, false, onSignedOut));
        Button cancel = Ui.button(i18n.t("signOut.cancel"), Material2AL.CLOSE, "signOutCancel");
        cancel.setOnAction(e -> {
            signOut.setDisable(false);
            area.getChildren().setAll(signOut);
        });
        VBox dialog = new VBox(8, question, keep, discard, cancel);
        dialog.setId("signOutDialog");
        dialog.getStyleClass().add("oc-card");
        return dialog;
    }

    private static void signOut(AppModel model, boolean keepUnsent, Runnable onSignedOut) {
        Ui.async(model.background(), () -> {
            model.service().signOut(keepUnsent);
            return true;
        }, ok -> onSignedOut.run(), ex -> onSignedOut.run());
    }

    Node node() {
        return box;
    }
}
