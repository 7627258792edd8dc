package org.cpe.lifecycle;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends a failed startup the way the runtime needs: it logs one clear message, and where the server would otherwise
 * keep running without CPE (Payara Micro serves 404s after a failed deployment) it also ends the process.
 */
public final class StartupAbort {

    /** The exit status for a failed start, sysexits' EX_CONFIG. */
    public static final int EXIT_STATUS = 78;

    private static final Logger LOG = Logger.getLogger(StartupAbort.class.getName());

    private StartupAbort() {}

    /** Logs the failure, ends the process if asked, and returns the exception to throw so that deployment fails. */
    public static RuntimeException abort(String message, Throwable cause, boolean exitProcess) {
        LOG.log(Level.SEVERE, message);
        if (exitProcess) {
            System.err.println("CPE failed to start: " + message);
            System.err.println(
                    "CPE is stopping the server (cpe.startup.exit-on-failure=true), exit status " + EXIT_STATUS + ".");
            // From its own thread: System.exit runs the server's shutdown hooks, which wait for this deployment.
            Thread exit = new Thread(() -> System.exit(EXIT_STATUS), "cpe-startup-abort");
            exit.setDaemon(true);
            exit.start();
        }
        return cause instanceof RuntimeException re ? re : new IllegalStateException(message, cause);
    }
}
