package org.cpe.protocol;

/** Every message type CPE sends on a client's output queue; the only place their names are written. */
public enum MessageType {
    // Answers of the InputPoller to the commands.
    WORKFLOW_SCHEDULED,
    JOB_START_FAILED,
    COMMAND_REJECTED,
    JOB_CANCEL_REQUESTED,
    ACTIVITY_CANCEL_REQUESTED,
    JOB_STATUS,
    JOB_LIST,
    ACTIVITY_LIST,
    ACTIVITY_STATUS,
    // The Decider's.
    ACTIVITY_SCHEDULED,
    ACTIVITY_RETRYING,
    ACTIVITY_TIMEOUT,
    WORKFLOW_COMPLETED,
    WORKFLOW_FAILED,
    WORKFLOW_CANCELED,
    WORKFLOW_TIMED_OUT,
    // The workers'.
    ACTIVITY_STARTED,
    ACTIVITY_PREPARING,
    ACTIVITY_PROGRESS,
    ACTIVITY_FINISHING,
    ACTIVITY_COMPLETED,
    ACTIVITY_FAILED,
    ACTIVITY_CANCELED,
    /** A type this version of the library does not know, or a body that is not a CPE message. */
    UNKNOWN;

    /** The type named {@code name}, or {@link #UNKNOWN}. */
    public static MessageType of(String name) {
        if (name == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
