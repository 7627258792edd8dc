package org.cpe.work;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.decider.logic.Notice;
import org.cpe.sqs.ClientNotifier;

/**
 * The messages a running task sends its job's client, in the original worker's shapes: {@code data.activity} holds
 * {@code activityId}, {@code activityType: {name, version}} and, by type, the {@code input} (started) or a
 * {@code result} (the report's details, the completed result, {@code {reason, details}} of a failure). A message that
 * cannot be sent is logged; it never fails the task.
 */
final class ActivityMessages {

    static final String STARTED = "ACTIVITY_STARTED";
    static final String PREPARING = "ACTIVITY_PREPARING";
    static final String PROGRESS = "ACTIVITY_PROGRESS";
    static final String FINISHING = "ACTIVITY_FINISHING";
    static final String COMPLETED = "ACTIVITY_COMPLETED";
    static final String FAILED = "ACTIVITY_FAILED";
    static final String CANCELED = "ACTIVITY_CANCELED";

    private static final Logger LOG = Logger.getLogger(ActivityMessages.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientNotifier notifier;
    private final ProgressBoard board;

    ActivityMessages(ClientNotifier notifier, ProgressBoard board) {
        this.notifier = notifier;
        this.board = board;
    }

    void started(RunningTask task) {
        ObjectNode activity = activity(task);
        activity.set(
                "input",
                task.task().input() == null ? JSON.nullNode() : task.task().input());
        send(task, STARTED, activity);
        pin(task, STARTED, null);
    }

    /** A report of the activity; {@code details} (any JSON-serialisable value, or null) becomes its result. */
    void report(RunningTask task, String type, Object details) {
        ObjectNode activity = activity(task);
        if (details != null) {
            activity.set("result", JSON.valueToTree(details));
        }
        send(task, type, activity);
        pin(task, type, activity.get("result"));
    }

    /** The task is answered (or given up): its report leaves the board. */
    void closed(RunningTask task) {
        board.ended(task.workflowId(), task.runId(), task.activityId());
    }

    private void pin(RunningTask task, String type, JsonNode details) {
        board.report(
                task.workflowId(),
                task.runId(),
                task.activityId(),
                new ProgressBoard.Report(type, details, Instant.now()));
        if (task.answered()) {
            // Answered while the report was on its way: it must not outlive the task.
            closed(task);
        }
    }

    void ended(RunningTask task, TaskReply reply) {
        ObjectNode activity = activity(task);
        if (reply instanceof TaskReply.Completed c) {
            if (c.result() != null) {
                activity.set("result", parse(c.result()));
            }
            send(task, COMPLETED, activity);
        } else if (reply instanceof TaskReply.Failed f) {
            activity.putObject("result").put("reason", f.reason()).put("details", f.details());
            send(task, FAILED, activity);
        } else if (reply instanceof TaskReply.Canceled c) {
            activity.putObject("result").put("details", c.details());
            send(task, CANCELED, activity);
        }
    }

    private static ObjectNode activity(RunningTask task) {
        ObjectNode activity = JSON.createObjectNode();
        activity.put("activityId", task.activityId());
        activity.putObject("activityType").put("name", task.activityName()).put("version", task.activityVersion());
        return activity;
    }

    private void send(RunningTask task, String type, ObjectNode activity) {
        ObjectNode data = JSON.createObjectNode();
        data.set("activity", activity);
        try {
            notifier.send(task.route(), task.workflowId(), task.runId(), List.of(new Notice(type, data, false)));
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    type + " of task " + task.activityId() + " of workflow " + task.workflowId() + " could not be sent",
                    e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }
}
