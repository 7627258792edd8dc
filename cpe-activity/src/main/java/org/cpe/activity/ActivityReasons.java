package org.cpe.activity;

/** The reason codes the worker itself gives a failed task; activities add their own. */
public final class ActivityReasons {

    /** The activity threw something other than {@link ActivityException}; the details hold its stack trace. */
    public static final String ACTIVITY_FAILED = "ACTIVITY_FAILED";
    /** The task had no input. */
    public static final String NO_INPUT = "NO_INPUT";
    /** The task's input is not JSON, or does not fit what the activity reads. */
    public static final String INPUT_INVALID = "INPUT_INVALID";
    /** No implementation of the task's type runs on the worker that polled it; the details list the ones that do. */
    public static final String UNKNOWN_ACTIVITY_TYPE = "UNKNOWN_ACTIVITY_TYPE";
    /** The worker stopped before the task ended; another worker may retry it at once. */
    public static final String WORKER_SHUTDOWN = "WORKER_SHUTDOWN";
    /** Cancellation was requested and the activity stopped. */
    public static final String CANCELED = "CANCELED";

    private ActivityReasons() {}
}
