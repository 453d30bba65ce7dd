package org.opencity.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencity.backend.testing.TestApp;
import org.opencity.backend.testing.TestImages;
import org.opencity.mobile.ui.AppModel;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both personas' main flows in the real app (real JavaFX, headless under Monocle) against a real
 * backend on the demo city (embedded or local PostgreSQL), including the technician's offline day:
 * no network, a job started and completed with photos, the app killed and started again, the
 * network back, the job on the server and the resident asked to confirm and rate.
 */
class MobileAppTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestApp backend;

    @BeforeAll
    static void start() {
        Locale.setDefault(Locale.ENGLISH);
        backend = TestApp.start(true);
        backend.clock().set(Instant.now());   // the phone's clock is the real one
        AppDriver.startFx();
    }

    /** The backend's test clock stands still; each test starts with it at the phone's (real) time again. */
    @BeforeEach
    void phoneAndServerAgreeOnTheTime() {
        backend.clock().set(Instant.now());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void aResidentFollowsANeighboursReportReportsOfflineCommentsAndConfirmsAndRatesTheFix(@TempDir Path folder) {
        String building = DemoData.building(backend);
        JsonNode leak = backend.fileRequest(backend.newResident(), "plumbing", building, "Water on the basement floor");
        String leakNumber = leak.get("summary").get("number").asText();
        String phone = "+79001110001";

        try (AppDriver app = new AppDriver(backend.uri("/"), folder).start()) {
            signIn(app, phone);
            app.await("requestsView");

            // the same problem was already reported in the building: follow that one instead
            app.click("navReport");
            DemoData.describe(backend, app, "plumbing", "Water is leaking into the basement", building);
            app.click("sendReport");
            app.click("follow-" + leakNumber);
            app.click("navRequests");
            app.await("followed-" + leakNumber);
            assertThat(count("SELECT count(*) FROM request_follower f JOIN request r ON r.id = f.request_id WHERE r.number = '"
                             + leakNumber + "'")).isEqualTo(1);

            // with no network, a report with a photo is kept on the phone and shown as waiting
            app.network().down();
            app.click("navReport");
            DemoData.describe(backend, app, "entrance-lighting", "The light on the third floor is out", building);
            app.type("flat", "27");
            app.camera().load(TestImages.jpeg(3000, 2000));
            app.click("reportPhoto");
            app.await("reportPhotoThumbs", n -> !((Pane) n).getChildren().isEmpty());
            app.click("sendReport");
            app.awaitText("requestsView", t(app, "requests.waiting"));
            assertThat(count("SELECT count(*) FROM request WHERE description = 'The light on the third floor is out'")).isZero();

            // the network comes back: "sync now" sends it, and the number assigned shows
            app.network().up();
            app.click("syncIndicator");
            app.click("syncNow");
            String number = awaitValue(() -> single("SELECT number FROM request WHERE description = 'The light on the third floor is out'"));
            app.click("navRequests");
            app.await("request-" + number);
            String photo = awaitValue(() -> single("""
                    SELECT p.id FROM request_photo p JOIN request r ON r.id = p.request_id
                    WHERE r.number = '%s' AND p.stored_at IS NOT NULL""".formatted(number)));
            BufferedImage sent = original(photo, backend.login("vakhitovsky.dispatcher"));
            assertThat(sent.getWidth()).as("downscaled on the phone: long edge 1600").isEqualTo(1600);
            assertThat(sent.getHeight()).as("proportions kept").isBetween(1066, 1067);

            // a comment on the request
            app.click("request-" + number);
            app.type("commentText", "The switch is by the lift");
            app.click("comment");
            awaitValue(() -> single("""
                    SELECT h.kind FROM request_event h JOIN request r ON r.id = h.request_id
                    WHERE r.number = '%s' AND h.detail ->> 'text' = 'The switch is by the lift'""".formatted(number)));

            // the organisation fixes it: the live stream tells the open app at once; confirm and rate
            String id = single("SELECT id FROM request WHERE number = '" + number + "'").orElseThrow();
            DemoData.assign(backend, id, "vakhitovsky.electrician1");
            DemoData.complete(backend, id, "vakhitovsky.electrician1");
            app.await("banner", n -> "CONFIRM_AND_RATE".equals(n.getProperties().get("kind")));
            app.click("banner");
            app.await("rateForm");
            app.click("star4");
            app.type("rateComment", "Quick, thank you");
            app.click("rate");
            app.click("confirm");
            awaitValue(() -> single("SELECT status FROM request WHERE number = '" + number + "' AND status = 'CLOSED' AND rating = 4"));
            assertThat(single("SELECT rating_comment FROM request WHERE number = '" + number + "'")).contains("Quick, thank you");
        }
    }

    @Test
    void aTechnicianFinishesAJobOfflineTheAppIsKilledAndWhenTheNetworkReturnsTheResidentIsAskedToRate(@TempDir Path folder) {
        TestApp.Tokens resident = backend.newResident();
        String soon = DemoData.assignedJob(backend, resident, "Radiator leaking in the hall");
        String late = DemoData.assignedJob(backend, resident, "Pipe dripping under the sink");
        backend.database().client().execute().dml("UPDATE request SET due_at = now() - interval '2 hours' WHERE id = '" + late + "'");
        String soonNumber = number(soon);
        String lateNumber = number(late);

        AppDriver app = new AppDriver(backend.uri("/"), folder).start();
        try {
            DemoData.signInTechnician(app);
            // overdue first, with the time over; the other with the time left
            Node overdue = app.await("overdueJobs", n -> ((Pane) n).lookup("#job-" + lateNumber) != null);
            assertThat(app.onFx(() -> ((Pane) overdue.getParent()).getChildren().indexOf(overdue)))
                    .as("the overdue section comes first").isLessThanOrEqualTo(1);
            assertThat(app.text("job-" + lateNumber)).contains("overdue by");
            assertThat(app.text("job-" + soonNumber)).contains("left");

            // offline: start with a BEFORE photo, then complete with a note and an AFTER photo
            app.network().down();
            app.click("job-" + soonNumber);
            app.camera().load(TestImages.jpeg(4000, 3000));
            app.click("beforePhoto");
            app.await("beforePhotoThumbs", n -> !((Pane) n).getChildren().isEmpty());
            app.click("start");
            app.await("pendingSTART");
            app.click("complete");
            app.awaitText("completeProblem", t(app, "complete.needPhoto"));
            app.type("completeNote", "Replaced the valve");
            app.camera().load(TestImages.jpeg(1200, 1600));
            app.click("afterPhoto");
            app.await("afterPhotoThumbs", n -> !((Pane) n).getChildren().isEmpty());
            app.click("complete");
            app.await("pendingCOMPLETE");
            app.awaitText("syncIndicator", t(app, "sync.offline"));
            assertThat(single("SELECT status FROM request WHERE id = '" + soon + "'")).contains("ASSIGNED");

            // the app dies and starts again, still offline: the work is still there
            app.kill();
            app.start();
            app.await("jobsView", n -> ((Parent) n).lookup("#job-" + soonNumber) != null);
            app.click("job-" + soonNumber);
            app.await("pendingSTART");
            app.await("pendingCOMPLETE");

            // the network returns: the loop sends it all by itself (backoff, at most 30 s)
            app.network().up();
            awaitValue(() -> single("SELECT status FROM request WHERE id = '" + soon + "' AND status = 'DONE'"));
            awaitValue(() -> count("SELECT count(*) FROM request_photo WHERE request_id = '" + soon + "' AND stored_at IS NOT NULL") == 2
                    ? Optional.of(true) : Optional.empty());
            app.awaitGone("pendingCOMPLETE");
            JsonNode told = TestApp.json(backend.get("/api/v1/me/notifications?limit=5", resident)).get("items");
            assertThat(told.get(0).get("kind").asText()).isEqualTo("CONFIRM_AND_RATE");
            assertThat(told.get(0).get("requestId").asText()).isEqualTo(soon);
            assertThat(single("SELECT string_agg(kind, ',' ORDER BY kind) FROM request_photo WHERE request_id = '" + soon + "'"))
                    .contains("AFTER,BEFORE");
        } finally {
            app.close();
        }
    }

    @Test
    void theTechniciansJobsAreGroupedByUrgencyAndAnEmergencyIsMarked(@TempDir Path folder) {
        TestApp.Tokens resident = backend.newResident();
        String late = DemoData.assignedJob(backend, resident, "Tap dripping in the kitchen");
        String soon = DemoData.assignedJob(backend, resident, "Burst pipe flooding the stairwell");
        String later = DemoData.assignedJob(backend, resident, "Toilet cistern runs all night");
        backend.database().client().execute().dml("UPDATE request SET due_at = now() - interval '30 minutes' WHERE id = '" + late + "'");
        backend.database().client().execute().dml("UPDATE request SET due_at = now() + interval '100 minutes', priority = 'EMERGENCY' WHERE id = '" + soon + "'");
        backend.database().client().execute().dml("UPDATE request SET due_at = now() + interval '3 days' WHERE id = '" + later + "'");

        AppDriver app = new AppDriver(backend.uri("/"), folder).start();
        try {
            DemoData.signInTechnician(app);
            Node overdue = app.await("overdueJobs", n -> ((Pane) n).lookup("#job-" + number(late)) != null);
            Node dueSoon = app.await("soonJobs", n -> ((Pane) n).lookup("#job-" + number(soon)) != null);
            Node laterOn = app.await("laterJobs", n -> ((Pane) n).lookup("#job-" + number(later)) != null);
            assertThat(app.onFx(() -> List.of(position(overdue), position(dueSoon), position(laterOn))))
                    .as("most urgent first").isSorted();
            String soonHeading = t(app, "jobs.soon");
            assertThat(app.onFx(() -> dueSoon.getParent().getChildrenUnmodifiable().stream()
                    .anyMatch(l -> l instanceof javafx.scene.control.Label h && h.getText().equals(soonHeading))))
                    .as("the group says what it is").isTrue();
            assertThat(app.text("emergency-" + number(soon)).strip()).isEqualTo(t(app, "job.emergency"));
            assertThat(app.find("emergency-" + number(later))).as("a routine job shows no emergency").isEmpty();
        } finally {
            app.close();
        }
    }

    /** Where a group's section stands on the jobs page. */
    private static int position(Node group) {
        Node section = group.getParent();
        return section.getParent().getChildrenUnmodifiable().indexOf(section);
    }

    @Test
    void aRequestSaysWhatItsDeadlineIsForAndCancellingIsAQuietActionThatAsksFirst(@TempDir Path folder) {
        String phone = "+79001110014";
        JsonNode filed = backend.fileRequest(backend.signInResident(phone), "plumbing", DemoData.building(backend), "Tap in the bathroom drips");
        String number = filed.get("summary").get("number").asText();
        String id = filed.get("summary").get("id").asText();

        try (AppDriver app = new AppDriver(backend.uri("/"), folder).start()) {
            signIn(app, phone);
            app.click("navRequests");
            app.click("request-" + number);
            assertThat(app.text("requestDeadline")).contains(t(app, "deadline.ACCEPT", "").strip());

            // no red full-width button under the comment box: a smaller action apart, which asks first
            assertThat(app.find("cancel")).as("nothing is sent from the first tap").isEmpty();
            Node ask = app.await("cancelAsk");
            assertThat(app.onFx(() -> ((javafx.scene.layout.Region) ask).getWidth()
                                      < ((javafx.scene.layout.Region) app.await("commentText")).getWidth()))
                    .as("not full width").isTrue();
            app.click("cancelAsk");
            app.type("cancelReason", "It stopped by itself");
            app.click("cancel");
            awaitValue(() -> single("SELECT status FROM request WHERE id = '" + id + "' AND status = 'CANCELLED'"));
        }
    }

    @Test
    void signInSaysWhereTheCodeWentAndHoldsResendForAMinute(@TempDir Path folder) {
        AppDriver app = new AppDriver(backend.uri("/"), folder).start();
        try {
            app.type("phone", "+79001112299");
            app.click("sendCode");
            app.awaitText("codeSentTo", "+7 900 111-22-99");
            assertThat(app.text("codeSentTo").strip()).isEqualTo(t(app, "signin.codeSent", "+7 900 111-22-99"));
            assertThat(app.onFx(() -> app.find("sendCode").orElseThrow().isDisabled())).as("resend waits").isTrue();
            assertThat(app.text("sendCode")).containsAnyOf(t(app, "signin.resendIn", 60), t(app, "signin.resendIn", 59));
            app.awaitText("sendCode", t(app, "signin.resendIn", 58));
            assertThat(app.onFx(() -> app.find("sendCode").orElseThrow().isDisabled())).as("still waiting").isTrue();
        } finally {
            app.close();
        }
    }

    @Test
    void theLanguageIsChosenOnTheFirstScreen(@TempDir Path folder) {
        AppDriver app = new AppDriver(backend.uri("/"), folder).start();
        try {
            app.click("language-ru");
            app.awaitText("sendCode", "Получить код");
            app.click("language-tt");
            app.awaitText("sendCode", t(app, "signin.sendCode"));
            assertThat(app.onFx(() -> app.app().model().i18n().language())).isEqualTo("tt");
        } finally {
            app.close();
        }
    }

    @Test
    void onASharedPhoneTheResidentsUnsentReportWaitsForTheResidentWhileATechnicianSignsInAndWorks(@TempDir Path folder) {
        String building = DemoData.building(backend);
        String job = DemoData.assignedJob(backend, backend.newResident(), "Tap dripping in the shared kitchen");
        String jobNumber = number(job);
        String phone = "+79001110004";
        String description = "Shared phone: the porch light is out";

        try (AppDriver app = new AppDriver(backend.uri("/"), folder).start()) {
            signIn(app, phone);
            app.await("requestsView");
            String residentDevice = deviceId(folder);

            // the resident reports with a photo as the network goes, then signs out before it could be sent: asked, keeps it
            app.click("navReport");
            DemoData.describe(backend, app, "entrance-lighting", description, building);
            app.camera().load(TestImages.jpeg(2000, 1500));
            app.click("reportPhoto");
            app.await("reportPhotoThumbs", n -> !((Pane) n).getChildren().isEmpty());
            app.network().down();
            app.click("sendReport");
            app.awaitText("requestsView", t(app, "requests.waiting"));
            app.click("navSettings");
            app.click("signOut");
            app.awaitText("signOutUnsent", "1 actions not sent yet");
            app.click("signOutKeep");
            app.await("phone");

            // the technician signs in on the same phone (a new device id) and works; the resident's report is not sent
            app.network().up();
            DemoData.signInTechnician(app);
            app.await("jobsView", n -> ((Parent) n).lookup("#job-" + jobNumber) != null);
            assertThat(deviceId(folder)).as("sign-out retired the resident's device id").isNotEqualTo(residentDevice);
            app.click("job-" + jobNumber);
            app.click("start");
            awaitValue(() -> single("SELECT status FROM request WHERE id = '" + job + "' AND status = 'IN_PROGRESS'"));
            assertThat(single("SELECT u.login FROM device d JOIN app_user u ON u.id = d.user_id WHERE d.id = '" + deviceId(folder) + "'"))
                    .contains(DemoData.TECHNICIAN);
            app.click("syncIndicator");
            app.click("syncNow");
            AppDriver.sleep(1500);
            assertThat(count("SELECT count(*) FROM request WHERE description = '" + description + "'"))
                    .as("nothing the resident queued goes under the technician").isZero();

            // the technician signs out with nothing pending (no question); the resident returns and the report goes, as theirs
            app.click("navSettings");
            app.click("signOut");
            app.await("phone");
            signIn(app, phone);
            String reporter = awaitValue(() -> single("SELECT u.phone FROM request r JOIN app_user u ON u.id = r.reporter_id "
                                                      + "WHERE r.description = '" + description + "'"));
            assertThat(reporter).isEqualTo(phone);
            awaitValue(() -> count("SELECT count(*) FROM request_photo p JOIN request r ON r.id = p.request_id WHERE r.description = '"
                                   + description + "' AND p.stored_at IS NOT NULL") == 1 ? Optional.of(true) : Optional.empty());
        }
    }

    @Test
    void aResidentWhoDiscardsTheUnsentReportAtSignOutNeverSendsIt(@TempDir Path folder) {
        String building = DemoData.building(backend);
        String phone = "+79001110005";
        String description = "Discarded on purpose: bench broken";
        try (AppDriver app = new AppDriver(backend.uri("/"), folder).start()) {
            signIn(app, phone);
            app.await("requestsView");
            app.click("navReport");
            DemoData.describe(backend, app, "entrance-lighting", description, building);
            app.network().down();
            app.click("sendReport");
            app.awaitText("requestsView", t(app, "requests.waiting"));
            app.click("navSettings");
            app.click("signOut");
            app.click("signOutCancel");
            app.await("signOut");
            app.click("signOut");
            app.click("signOutDiscard");
            app.await("phone");
            app.network().up();
            signIn(app, phone);
            app.await("requestsView");
            app.click("syncIndicator");
            app.click("syncNow");
            AppDriver.sleep(1500);
            assertThat(count("SELECT count(*) FROM request WHERE description = '" + description + "'")).isZero();
        }
    }

    @Test
    void aDeviceIdThatBelongsToAnotherAccountIsReplacedAndTheSignInTriedOnceMore(@TempDir Path folder) throws Exception {
        Path residentsPhone = folder.resolve("resident");
        Path restored = folder.resolve("restored");
        try (AppDriver app = new AppDriver(backend.uri("/"), residentsPhone).start()) {
            signIn(app, "+79001110006");
            app.await("requestsView");
        }
        // a backup of the resident's app data restored on the phone the technician uses
        java.nio.file.Files.createDirectories(restored);
        java.nio.file.Files.copy(residentsPhone.resolve("device.json"), restored.resolve("device.json"));
        String residents = deviceId(restored);
        try (AppDriver app = new AppDriver(backend.uri("/"), restored).start()) {
            DemoData.signInTechnician(app);
            app.await("jobsView");
            assertThat(deviceId(restored)).isNotEqualTo(residents);
            assertThat(single("SELECT u.login FROM device d JOIN app_user u ON u.id = d.user_id WHERE d.id = '" + deviceId(restored) + "'"))
                    .contains(DemoData.TECHNICIAN);
            assertThat(single("SELECT u.phone FROM device d JOIN app_user u ON u.id = d.user_id WHERE d.id = '" + residents + "'"))
                    .as("the id stays the resident's").contains("+79001110006");
        }
    }

    /** The device id the app in this folder gives the backend now. */
    private static String deviceId(Path folder) {
        try {
            return org.opencity.mobile.sync.DurableStore.JSON.readTree(folder.resolve("device.json").toFile()).get("id").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void atEveryTextSizeEveryControlOnTheMainScreensIsAtLeast48PixelsHigh(@TempDir Path folder) {
        String phone = "+79001110002";
        try (AppDriver app = new AppDriver(backend.uri("/"), folder).start()) {
            signIn(app, phone);
            app.await("requestsView");
            assertThat(smallControls(app)).as("controls under 48 px at the normal text size").isEmpty();
            app.click("navSettings");
            app.click("textSize-2");
            assertThat(app.onFx(() -> app.app().stage().getScene().getRoot().getStyle())).contains("-fx-font-size: 23px");
            assertThat(smallControls(app)).as("controls under 48 px at 150 %").isEmpty();

            // the text size stays for the next person: sign-in, with its languages and the resend countdown, at 150 %
            app.click("navSettings");
            app.click("signOut");
            app.type("phone", phone);
            app.click("sendCode");
            app.await("codeSentTo");
            assertThat(app.onFx(() -> app.app().stage().getScene().getRoot().getStyle())).contains("-fx-font-size: 23px");
            assertThat(smallControlsShown(app, "sign-in")).as("sign-in controls under 48 px at 150 %").isEmpty();
        }
    }

    @Test
    void withoutGpsAResidentPlacesThePinByTappingTheMapAndMovesItByDraggingAndSwitchesLanguage(@TempDir Path folder) {
        String phone = "+79001110003";
        try (AppDriver app = new AppDriver(backend.uri("/"), folder).start()) {
            signIn(app, phone);
            app.click("navReport");
            app.click("myLocation");
            app.awaitText("where", t(app, "report.locationUnavailable"));
            app.tap("reportMap");
            String placed = app.text("where");
            assertThat(placed).startsWith("Pin at 55.7");
            app.drag("reportPin", 60, 40);
            String moved = app.text("where");
            assertThat(moved).startsWith("Pin at 55.7").isNotEqualTo(placed);
            double[] before = latLon(placed);
            double[] after = latLon(moved);
            assertThat(after[0]).as("dragged down: further south").isLessThan(before[0]);
            assertThat(after[1]).as("dragged right: further east").isGreaterThan(before[1]);

            // the language, switched in the settings, changes every screen at once
            app.click("navSettings");
            app.click("language-tt");
            app.awaitText("navRequests", "Минем гаризалар");
            app.click("language-ru");
            app.awaitText("navRequests", "Мои заявки");
        }
    }

    private static double[] latLon(String where) {
        String[] parts = where.replace("Pin at ", "").split(",\\s*");
        return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
    }

    /** Every visible button, field and list row under 48 px on each main screen of a resident. */
    private static List<String> smallControls(AppDriver app) {
        List<String> small = new java.util.ArrayList<>();
        for (String screen : List.of("navRequests", "navReport", "navInbox", "navSettings")) {
            app.click(screen);
            small.addAll(smallControlsShown(app, screen));
        }
        return small;
    }

    /** The controls under 48 px on the screen showing now. */
    private static List<String> smallControlsShown(AppDriver app, String screen) {
        AppDriver.sleep(1000);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        return app.onFx(() -> {
            List<String> found = new java.util.ArrayList<>();
            Parent root = app.app().stage().getScene().getRoot();
            root.applyCss();
            root.layout();
            java.util.Set<Node> controls = new java.util.LinkedHashSet<>();
            for (String selector : List.of(".button", ".toggle-button", ".text-field", ".text-area", ".list-cell")) {
                controls.addAll(root.lookupAll(selector));   // one selector at a time: lookupAll takes no groups
            }
            assertThat(controls).as("controls found on " + screen).hasSizeGreaterThan(4);
            for (Node n : controls) {
                if (n.isVisible() && n.getBoundsInLocal().getHeight() < 48
                        && !(n instanceof javafx.scene.control.ListCell<?> cell && cell.isEmpty())) {
                    found.add(screen + ": " + n.getTypeSelector() + "#" + n.getId() + " " + n.getBoundsInLocal().getHeight());
                }
            }
            return found;
        });
    }

    // ---------------------------------------------------------------- helpers

    /** Signs a resident in with their phone and the code the backend sent by SMS. */
    private static void signIn(AppDriver app, String phone) {
        app.type("phone", phone);
        app.click("sendCode");
        app.await("code", n -> !n.isDisabled());
        app.type("code", backend.sms().lastCode(phone));
        app.click("signIn");
    }

    private static String t(AppDriver app, String key, Object... args) {
        AppModel model = app.app().model();
        return app.onFx(() -> model.i18n().t(key, args));
    }

    private static String number(String id) {
        return single("SELECT number FROM request WHERE id = '" + id + "'").orElseThrow();
    }

    private static BufferedImage original(String photo, TestApp.Tokens who) {
        HttpResponse<byte[]> r = backend.http().sendAsync(HttpRequest.newBuilder(backend.uri("/api/v1/photos/" + photo + "/original"))
                                                                  .header("Authorization", "Bearer " + who.access()).build(),
                                                          HttpResponse.BodyHandlers.ofByteArray()).join();
        assertThat(r.statusCode()).isEqualTo(200);
        try {
            return ImageIO.read(new ByteArrayInputStream(r.body()));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Optional<String> single(String sql) {
        try (var rows = backend.database().client().execute().query(sql)) {
            return rows.findFirst().map(r -> r.column(1).get()).map(String::valueOf);
        }
    }

    private static long count(String sql) {
        return Long.parseLong(single(sql).orElse("0"));
    }

    private static <T> T awaitValue(Supplier<Optional<T>> probe) {
        long end = System.nanoTime() + WAIT.toNanos() * 2;
        while (System.nanoTime() < end) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            AppDriver.sleep(200);
        }
        throw new AssertionError("not there within " + WAIT.multipliedBy(2).toSeconds() + " s");
    }
}
