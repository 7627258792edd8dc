package org.cpe.activity;

/**
 * Fails the task with a machine-readable {@code reason} (SWF keeps 256 characters of it) and human {@code details}
 * (32,768 characters); longer ones are cut with a marker, never rejected. The reason is what a plan's retry policy
 * lists as non-retryable and what the client sees in {@code ACTIVITY_FAILED}, like the original's CpeException ref.
 */
public class ActivityException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public ActivityException(String reason, String details) {
        super(details);
        this.reason = requireReason(reason);
    }

    public ActivityException(String reason, String details, Throwable cause) {
        super(details, cause);
        this.reason = requireReason(reason);
    }

    public String reason() {
        return reason;
    }

    /** The details: the exception's message. */
    public String details() {
        return getMessage();
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("An activity failure needs a reason code");
        }
        return reason;
    }
}
