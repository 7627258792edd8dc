package org.cpe.swf.engine;

/** SWF's published quotas and member lengths, as AWS enforces them. */
public final class Limits {

    /** input, result, details, control, execution context. */
    public static final int DATA = 32_768;

    /** Heartbeat details. */
    public static final int HEARTBEAT_DETAILS = 2_048;

    /** reason, identity, names, ids, versions, tags, markers, signals. */
    public static final int NAME = 256;

    /** Tags per execution. */
    public static final int TAGS = 5;

    /** Open activity tasks per execution. */
    public static final int OPEN_ACTIVITIES = 1_000;

    /** Open timers per execution. */
    public static final int OPEN_TIMERS = 1_000;

    /** Open child executions per execution. */
    public static final int OPEN_CHILDREN = 1_000;

    /** Events in one history; the execution is terminated when it reaches them. */
    public static final int HISTORY_EVENTS = 25_000;

    /** Results per page of a list or a history. */
    public static final int PAGE = 1_000;

    private Limits() {}
}
