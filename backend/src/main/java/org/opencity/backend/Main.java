package org.opencity.backend;

import io.helidon.logging.common.LogConfig;
import org.opencity.backend.config.ConfigException;
import org.opencity.backend.config.Settings;
import org.opencity.backend.config.SettingsLoader;

/**
 * Starts the backend from the environment. A configuration the process cannot run with ends it
 * with one line on standard error and exit status 2; SIGTERM stops it cleanly.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ShutdownLogManager.class.getName());
        }
        System.setProperty("java.awt.headless", "true");   // photos are processed with java.awt, never shown
        LogConfig.configureRuntime();
        OpenCity app;
        try {
            Settings settings = SettingsLoader.load(System.getenv());
            app = OpenCity.start(settings);
        } catch (ConfigException | StartupException e) {
            System.err.println("opencity: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("opencity: cannot start: " + causes(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } finally {
                ShutdownLogManager.finish();
            }
        }, "opencity-shutdown"));
    }

    /** The chain of causes on one line: enough to act on, without a stack dump. */
    static String causes(Throwable error) {
        StringBuilder line = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (!line.isEmpty()) {
                line.append(" <- ");
            }
            line.append(t.getClass().getSimpleName()).append(": ")
                    .append(String.valueOf(t.getMessage()).replaceAll("\\s*\\R\\s*", " "));
        }
        return line.toString();
    }
}
