package org.cpe.activity;

/**
 * An activity implementation: a function from a task to its result. Declare the type it serves with
 * {@link ActivityType} and make it a CDI bean (for example {@code @ApplicationScoped}); the ActivityPoller discovers it.
 *
 * <p><b>Threads.</b> One instance serves every task of its type, and up to the configured number of tasks run at once,
 * each on its own thread: an implementation must be thread-safe (keep per-task state in local variables).
 *
 * <p><b>Outcome.</b> The returned value becomes the task's JSON result (a {@code String} is sent as a JSON string, a
 * Jackson {@code JsonNode} as it is, {@code null} as no result). Throwing {@link ActivityException} fails the task with
 * its reason and details; any other exception fails it with reason {@value ActivityReasons#ACTIVITY_FAILED} and the
 * stack trace. Once cancellation was requested (see {@link ActivityContext#isCancelRequested()}), an exception ends
 * the task as canceled instead; a value returned anyway still completes it, since the work was done.
 */
@FunctionalInterface
public interface Activity {

    Object execute(ActivityTask task, ActivityContext context) throws Exception;
}
