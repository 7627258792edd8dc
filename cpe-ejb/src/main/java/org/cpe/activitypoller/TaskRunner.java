package org.cpe.activitypoller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cpe.activity.ActivityReasons;
import org.cpe.activitypoller.ActivityCatalog.Implementation;

/**
 * Runs one task on a worker thread: checks that this worker implements its type and that its input is JSON, hands it
 * to the implementation, and turns what comes back into the {@link TaskReply} the worker answers with.
 */
final class TaskRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ActivityCatalog catalog;

    TaskRunner(ActivityCatalog catalog) {
        this.catalog = catalog;
    }

    TaskReply run(RunningTask running, Implementation implementation) {
        if (implementation == null) {
            return new TaskReply.Failed(
                    ActivityReasons.UNKNOWN_ACTIVITY_TYPE,
                    "Activity type " + running.activityName() + " " + running.activityVersion()
                            + " is not implemented by this worker; it runs: " + catalog.describe());
        }
        String text = running.inputText();
        if (text == null || text.isBlank()) {
            return new TaskReply.Failed(
                    ActivityReasons.NO_INPUT, "The task of " + implementation + " has no input; it needs JSON");
        }
        JsonNode input;
        try {
            input = JSON.readTree(text);
        } catch (Exception e) {
            return new TaskReply.Failed(
                    ActivityReasons.INPUT_INVALID, "The task's input is not JSON: " + e.getMessage());
        }
        running.started(WorkTask.of(running.polled(), running.route().jobId(), input));
        running.attach(Thread.currentThread());
        try {
            return TaskReply.completed(implementation.activity().execute(running.task(), running));
        } catch (Throwable e) {
            // Errors too: an answer with the stack trace beats a task left to time out.
            return TaskReply.thrown(e, running.isCancelRequested());
        } finally {
            running.detach();
            running.flushProgress(true);
        }
    }
}
