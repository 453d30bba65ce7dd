package org.opencity.mobile.ui;

import atlantafx.base.theme.Styles;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.opencity.mobile.I18n;
import org.opencity.mobile.service.AppException;
import org.opencity.model.auth.Me;
import org.opencity.model.auth.OtpChallenge;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * Sign-in: residents by phone number and SMS code, staff by login and password (and an
 * authenticator code if asked). The language can be chosen here, before anyone has an account;
 * once a code is sent the screen says where it went and holds "send again" back for a minute.
 */
public final class SignInView {

    private final AppModel model;
    private final Consumer<Me> signedIn;
    private final VBox box = Ui.page();
    private final Label error = new Label();
    private UUID challenge;
    private Timeline resendClock;

    /** How long "send again" waits after a code was sent, so people wait for the SMS instead of asking for another. */
    static final int RESEND_SECONDS = 60;

    public SignInView(AppModel model, Consumer<Me> signedIn) {
        this.model = model;
        this.signedIn = signedIn;
        I18n i18n = model.i18n();
        error.setId("signInError");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);

        ToggleGroup who = new ToggleGroup();
        ToggleButton resident = new ToggleButton(i18n.t("signin.resident"));
        ToggleButton staff = new ToggleButton(i18n.t("signin.staff"));
        resident.setId("asResident");
        staff.setId("asStaff");
        for (ToggleButton b : new ToggleButton[] {resident, staff}) {
            b.setToggleGroup(who);
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
        }
        resident.getStyleClass().add(Styles.LEFT_PILL);
        staff.getStyleClass().add(Styles.RIGHT_PILL);
        VBox form = new VBox(12);
        resident.setOnAction(e -> {
            resident.setSelected(true);
            form.getChildren().setAll(residentForm());
        });
        staff.setOnAction(e -> {
            staff.setSelected(true);
            form.getChildren().setAll(staffForm());
        });
        Label heading = Ui.title(i18n.t("app.title"));
        heading.getStyleClass().add(Styles.TITLE_2);
        box.getChildren().addAll(SettingsView.languageRow(model), heading, new HBox(resident, staff), form, error);
        box.sceneProperty().addListener((o, old, scene) -> {   // the countdown stops with the screen
            if (scene == null && resendClock != null) {
                resendClock.stop();
            }
        });
        resident.fire();
    }

    public Node node() {
        return box;
    }

    private Node residentForm() {
        I18n i18n = model.i18n();
        TextField phone = new TextField();
        phone.setId("phone");
        phone.setPromptText("+7 900 000-00-01");
        TextField code = new TextField();
        code.setId("code");
        code.setPromptText(i18n.t("signin.code"));
        code.setDisable(true);
        Button send = Ui.button(i18n.t("signin.sendCode"), Material2MZ.SMS, "sendCode");
        Label sentTo = Ui.text("");
        sentTo.setId("codeSentTo");
        sentTo.setVisible(false);
        sentTo.managedProperty().bind(sentTo.visibleProperty());
        Button signIn = Ui.button(i18n.t("signin.signIn"), Material2AL.LOGIN, "signIn");
        signIn.getStyleClass().add(Styles.ACCENT);
        signIn.setDisable(true);
        send.setOnAction(e -> {
            error.setText("");
            send.setDisable(true);
            String number = phone.getText().strip();
            Ui.async(model.background(), () -> model.service().requestCode(number), (OtpChallenge c) -> {
                challenge = c.challengeId();
                code.setDisable(false);
                signIn.setDisable(false);
                sentTo.setText(i18n.t("signin.codeSent", spaced(number)));
                sentTo.setVisible(true);
                holdResend(send);
                code.requestFocus();
            }, ex -> {
                send.setDisable(false);
                fail(ex);
            });
        });
        signIn.setOnAction(e -> {
            signIn.setDisable(true);
            Ui.async(model.background(), () -> model.service().signInWithCode(challenge, code.getText().strip()), signedIn, ex -> {
                signIn.setDisable(false);
                fail(ex);
            });
        });
        return new VBox(10, new Label(i18n.t("signin.phone")), phone, send, sentTo, code, Ui.muted(i18n.t("signin.codeHint")), signIn);
    }

    /** Disables "send" and counts down on it; afterwards it offers to send the code again. */
    private void holdResend(Button send) {
        I18n i18n = model.i18n();
        if (resendClock != null) {
            resendClock.stop();
        }
        int[] left = {RESEND_SECONDS};
        send.setDisable(true);
        send.setText(i18n.t("signin.resendIn", left[0]));
        resendClock = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            left[0]--;
            if (left[0] > 0) {
                send.setText(i18n.t("signin.resendIn", left[0]));
            } else {
                send.setText(i18n.t("signin.resend"));
                send.setDisable(false);
            }
        }));
        resendClock.setCycleCount(RESEND_SECONDS);
        resendClock.play();
    }

    /** "+79001112233" as people read it: "+7 900 111-22-33"; anything else as typed. */
    static String spaced(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() == 11 && (digits.startsWith("7") || digits.startsWith("8"))) {
            return "+7 " + digits.substring(1, 4) + " " + digits.substring(4, 7) + "-" + digits.substring(7, 9) + "-" + digits.substring(9);
        }
        return phone;
    }

    private Node staffForm() {
        I18n i18n = model.i18n();
        TextField login = new TextField();
        login.setId("login");
        login.setPromptText(i18n.t("signin.login"));
        PasswordField password = new PasswordField();
        password.setId("password");
        password.setPromptText(i18n.t("signin.password"));
        TextField totp = new TextField();
        totp.setId("totp");
        totp.setPromptText(i18n.t("signin.totp"));
        Button signIn = Ui.button(i18n.t("signin.signIn"), Material2AL.LOGIN, "staffSignIn");
        signIn.getStyleClass().add(Styles.ACCENT);
        signIn.setOnAction(e -> {
            error.setText("");
            signIn.setDisable(true);
            Ui.async(model.background(), () -> model.service().signInStaff(login.getText().strip(), password.getText(), totp.getText()),
                     signedIn, ex -> {
                         signIn.setDisable(false);
                         fail(ex);
                     });
        });
        return new VBox(10, login, password, totp, signIn);
    }

    private void fail(Exception e) {
        I18n i18n = model.i18n();
        if (e instanceof AppException app && app.kind() == AppException.Kind.NETWORK) {
            error.setText(i18n.t("signin.offline"));
        } else {
            error.setText(i18n.t("signin.failed", e.getMessage()));
        }
    }
}
