package org.opencity.mobile;

import java.net.URI;
import java.nio.file.Path;

/**
 * Prepares an app folder for measuring a cold start: signs the demo technician in through the app
 * (against a running backend) and lets the first sync fill the store. The next start of the real
 * app on that folder opens straight onto the job list, and logs "interactive N ms after the JVM
 * started". Used by the measurement described in the README.
 */
public final class ColdStartPrep {

    private ColdStartPrep() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            URI backend = URI.create(args[0]);
            Path folder = Path.of(args[1]);
            AppDriver.startFx();
            try (AppDriver app = new AppDriver(backend, folder).start()) {
                DemoData.signInTechnician(app);
                app.await("jobsView", n -> !((javafx.scene.layout.VBox) n).getChildren().isEmpty());
                AppDriver.sleep(3000);   // the first sync finishes
            }
            System.out.println("prepared " + folder);
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}
