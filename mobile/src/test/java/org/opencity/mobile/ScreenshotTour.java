package org.opencity.mobile;

import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.TestImages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Takes the screenshots in {@code docs/screenshots/}: a real backend (demo city) with a resident's
 * requests and a technician's jobs, the real app for each persona, every main screen. Runs under
 * Xvfb (a real window) or headless (Monocle) when {@code -Dheadless=true}.
 */
public final class ScreenshotTour {

    private ScreenshotTour() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            tour(args);
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.exit(status);   // the toolkit's threads would keep the JVM alive
    }

    private static void tour(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots").toAbsolutePath();
        if (Boolean.getBoolean("headless")) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("testfx.headless", "true");
            System.setProperty("testfx.robot", "glass");
        }
        System.setProperty("user.language", System.getProperty("tour.language", "ru"));
        java.util.Locale.setDefault(java.util.Locale.of(System.getProperty("tour.language", "ru")));
        try (TestApp backend = TestApp.start(true)) {
            backend.clock().set(Instant.now());
            TestApp.Tokens resident = backend.signInResident(DemoData.RESIDENT_PHONE);
            String leak = DemoData.assignedJob(backend, resident, "Вода капает с потолка в ванной, соседи сверху не открывают");
            String tap = DemoData.assignedJob(backend, resident, "Сломан смеситель на кухне, вода не перекрывается");
            DemoData.complete(backend, tap);
            String valve = DemoData.assignedJob(backend, resident, "Течёт кран в ванной, под раковиной лужа");
            String light = backend.fileRequest(resident, "entrance-lighting", DemoData.building(backend),
                                               "Не горит свет на третьем этаже в подъезде").get("summary").get("number").asText();
            AppDriver.startFx();

            Path residentFolder = Files.createTempDirectory("tour-resident");
            backend.clock().advance(java.time.Duration.ofSeconds(1));   // the live stream starts after what came before
            try (AppDriver app = new AppDriver(backend.uri("/"), residentFolder).start()) {
                app.snapshot(out.resolve("sign-in.png"));
                app.type("phone", DemoData.RESIDENT_PHONE);
                app.click("sendCode");
                app.await("code", n -> !n.isDisabled());
                app.await("codeSentTo");
                AppDriver.sleep(2500);   // the resend countdown has started ticking
                app.snapshot(out.resolve("sign-in-code-sent.png"));
                app.type("code", backend.sms().lastCode(DemoData.RESIDENT_PHONE));
                app.click("signIn");
                app.await("requestsView", n -> !((javafx.scene.layout.VBox) n).getChildren().isEmpty());
                AppDriver.sleep(1500);
                app.snapshot(out.resolve("resident-requests.png"));
                app.click("navReport");
                app.await("categories");
                AppDriver.sleep(500);
                app.snapshot(out.resolve("resident-report.png"));
                DemoData.describe(backend, app, "entrance-lighting", "Опять не горит свет на лестнице", DemoData.building(backend));
                app.click("sendReport");
                app.reveal("sendAnyway");
                AppDriver.sleep(500);
                app.snapshot(out.resolve("resident-report-nearby.png"));
                app.click("navRequests");
                app.click("request-" + light);
                app.await("requestDeadline");
                AppDriver.sleep(500);
                app.snapshot(out.resolve("resident-request.png"));
                app.reveal("cancelAsk");
                app.click("cancelAsk");
                app.reveal("cancelConfirmation");
                AppDriver.sleep(500);
                app.snapshot(out.resolve("resident-request-cancel.png"));
                app.click("navInbox");
                app.await("notification-CONFIRM_AND_RATE");
                app.snapshot(out.resolve("resident-inbox.png"));
                app.click("notification-CONFIRM_AND_RATE");
                app.await("rateForm");
                app.click("star5");
                app.type("rateComment", "Быстро и аккуратно, спасибо");
                AppDriver.sleep(800);
                app.snapshot(out.resolve("resident-confirm-and-rate.png"));
                DemoData.complete(backend, valve);   // another job finishes while the app is open: the live stream tells it
                app.click("navRequests");
                app.await("banner");
                AppDriver.sleep(500);
                app.snapshot(out.resolve("resident-live-notification.png"));
                app.click("navSettings");
                app.await("settingsView");
                app.snapshot(out.resolve("settings.png"));
            }

            Path technicianFolder = Files.createTempDirectory("tour-technician");
            backend.clock().advance(java.time.Duration.ofSeconds(1));   // the live stream starts after what came before
            try (AppDriver app = new AppDriver(backend.uri("/"), technicianFolder).start()) {
                DemoData.signInTechnician(app);
                app.await("jobsView", n -> !((javafx.scene.layout.VBox) n).getChildren().isEmpty());
                AppDriver.sleep(1000);
                app.snapshot(out.resolve("technician-jobs.png"));
                String number = backend.database().client().execute()
                        .query("SELECT number FROM request WHERE id = '" + leak + "'").findFirst().orElseThrow().column(1).get().toString();
                app.click("job-" + number);
                app.await("actions");
                AppDriver.sleep(500);
                app.snapshot(out.resolve("technician-job.png"));
                app.network().down();
                app.camera().load(TestImages.jpeg(1200, 900));
                app.click("beforePhoto");
                app.await("beforePhotoThumbs", n -> !((javafx.scene.layout.FlowPane) n).getChildren().isEmpty());
                app.click("start");
                app.await("pendingSTART");
                app.onFx(() -> {
                    app.app().model().syncNow();
                    return null;
                });
                AppDriver.sleep(1500);
                app.reveal("requestTitle");
                app.snapshot(out.resolve("technician-offline.png"));
                app.network().up();
                app.click("navMap");
                AppDriver.sleep(1500);
                app.snapshot(out.resolve("technician-map.png"));
            }
            System.out.println("screenshots written to " + out);
        }
    }
}
