package org.cpe.activitypoller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.notices.ClientNotifier;
import org.cpe.protocol.MessageType;
import org.cpe.protocol.Notice;

/**
 * The messages a running task sends its job's client, in the original worker's shapes: {@code data.activity} holds
 * {@code activityId}, {@code activityType: {name, version}} and, by type, the {@code input} (started) or a
 * {@code result} (the report's details, the completed result, {@code {reason, details}} of a failure). A message that
 * cannot be sent is logged; it never fails the task.
 */
final class ActivityMessages {

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
        send(task, MessageType.ACTIVITY_STARTED, activity);
        pin(task, MessageType.ACTIVITY_STARTED, null);
    }

    /** A report of the activity; {@code details} (any JSON-serialisable value, or null) becomes its result. */
    void report(RunningTask task, MessageType type, Object details) {
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

    private void pin(RunningTask task, MessageType type, JsonNode details) {
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
            send(task, MessageType.ACTIVITY_COMPLETED, activity);
        } else if (reply instanceof TaskReply.Failed f) {
            activity.putObject("result").put("reason", f.reason()).put("details", f.details());
            send(task, MessageType.ACTIVITY_FAILED, activity);
        } else if (reply instanceof TaskReply.Canceled c) {
            activity.putObject("result").put("details", c.details());
            send(task, MessageType.ACTIVITY_CANCELED, activity);
        }
    }

    private static ObjectNode activity(RunningTask task) {
        ObjectNode activity = JSON.createObjectNode();
        activity.put("activityId", task.activityId());
        activity.putObject("activityType").put("name", task.activityName()).put("version", task.activityVersion());
        return activity;
    }

    private void send(RunningTask task, MessageType type, ObjectNode activity) {
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
