package org.cpe.swf.engine;

/**
 * A task waiting on a task list for a poller: a decision task or an activity task of an execution, named by the
 * event that scheduled it. It may have gone stale (timed out, canceled, execution closed) by the time a poller
 * takes it, which the poller checks under the execution's lock.
 */
record PendingTask(Execution execution, long scheduledEventId, int priority, long sequence) {}
