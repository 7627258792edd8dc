package org.cpe.client;

import org.cpe.client.message.Rejection;

/** CPE answered a command with {@code COMMAND_REJECTED} or {@code JOB_START_FAILED}; {@link #rejection()} says why. */
public final class CommandRejectedException extends CpeException {

    private final transient Rejection rejection;

    public CommandRejectedException(Rejection rejection) {
        super(rejection.type() + " " + rejection.reason() + ": " + rejection.message());
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }

    /** The rejection's reason code, such as {@code NO_SUCH_JOB}. */
    public String reason() {
        return rejection.reason();
    }
}
