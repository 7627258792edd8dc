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
    /**
     * A {@code file:} location outside the server's storage roots, or a write to a root that allows only reading. The
     * same answer whether or not the file exists.
     */
    public static final String FILE_NOT_ALLOWED = "FILE_NOT_ALLOWED";
    /** An output file exists, and the job did not ask to overwrite it or its storage root does not allow that. */
    public static final String OUTPUT_EXISTS = "OUTPUT_EXISTS";
    /**
     * A URL this server does not fetch: not http(s), or its host resolves to a loopback, link-local, private, unique-local
     * or other non-public address, or to the server's own, that the operator's allowlist does not name.
     */
    public static final String ADDRESS_NOT_ALLOWED = "ADDRESS_NOT_ALLOWED";

    private ActivityReasons() {}
}
