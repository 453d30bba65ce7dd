package org.opencity.backend;

import java.util.logging.LogManager;

/**
 * Keeps logging alive while the backend shuts down. The JDK's own shutdown hook resets all
 * log handlers, racing with our shutdown hook, so the lines that prove a clean stop ("pool
 * closed", "stopped") would be lost. This manager ignores that hook's reset; {@link #finish()}
 * performs it once our shutdown is complete.
 */
public final class ShutdownLogManager extends LogManager {

    private static final String JDK_CLEANER = "java.util.logging.LogManager$Cleaner";

    @Override
    public void reset() {
        if (Thread.currentThread().getClass().getName().equals(JDK_CLEANER)) {
            return;
        }
        super.reset();
    }

    /** Flushes and closes the handlers after the last shutdown log line. */
    static void finish() {
        if (LogManager.getLogManager() instanceof ShutdownLogManager manager) {
            manager.resetFinally();
        }
    }

    private void resetFinally() {
        super.reset();
    }
}
