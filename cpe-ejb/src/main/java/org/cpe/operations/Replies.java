package org.cpe.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.cpe.aws.SqsText;
import org.cpe.protocol.Envelope;
import org.cpe.protocol.MessageType;

/** The InputPoller's messages to a client's output queue, with {@code time} in epoch seconds as the original's. */
public final class Replies {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The longest {@code raw} of a refusal, its marker included: the start of a body is what identifies it. */
    static final int RAW_CHARACTERS = 1_024;

    private Replies() {}

    /**
     * {@code WORKFLOW_SCHEDULED} in the original shape ({@code runId}, {@code workflowId}, {@code workflowType} and
     * {@code input} at the top), plus {@code alreadyStarted} and {@code data.workflow} like every later message.
     */
    static String scheduled(
            String jobId,
            String workflowId,
            String runId,
            String name,
            String version,
            JsonNode input,
            boolean alreadyStarted,
            Instant now) {
        ObjectNode message = envelope(MessageType.WORKFLOW_SCHEDULED, jobId, now);
        message.put("runId", runId);
        message.put("workflowId", workflowId);
        message.putObject("workflowType").put("name", name).put("version", version);
        message.set("input", input);
        message.put("alreadyStarted", alreadyStarted);
        message.putObject("data")
                .putObject("workflow")
                .put("workflowId", workflowId)
                .put("runId", runId);
        return message.toString();
    }

    /** {@code JOB_CANCEL_REQUESTED}: the job will end with {@code WORKFLOW_CANCELED} once its activities stopped. */
    static String cancelRequested(String jobId, String workflowId, String runId, Instant now) {
        ObjectNode message = envelope(MessageType.JOB_CANCEL_REQUESTED, jobId, now);
        message.putObject("data")
                .putObject("workflow")
                .put("workflowId", workflowId)
                .put("runId", runId);
        return message.toString();
    }

    /**
     * {@code ACTIVITY_CANCEL_REQUESTED}: the step will end with {@code ACTIVITY_CANCELED}, unless its activity ends
     * first.
     */
    static String activityCancelRequested(
            String jobId, String workflowId, String runId, String activityId, Instant now) {
        ObjectNode message = envelope(MessageType.ACTIVITY_CANCEL_REQUESTED, jobId, now);
        ObjectNode data = message.putObject("data");
        data.putObject("workflow").put("workflowId", workflowId).put("runId", runId);
        data.putObject("activity").put("activityId", activityId);
        return message.toString();
    }

    /** An answer about a job ({@code JOB_STATUS}, {@code ACTIVITY_LIST}, ...): {@code data.workflow}, then {@code members}. */
    static String report(
            MessageType type, String jobId, String workflowId, String runId, ObjectNode members, Instant now) {
        ObjectNode message = envelope(type, jobId, now);
        ObjectNode data = message.putObject("data");
        data.putObject("workflow").put("workflowId", workflowId).put("runId", runId);
        data.setAll(members);
        return message.toString();
    }

    /** {@code JOB_LIST}: {@code data: {jobs, nextPageToken}}; the command's jobId, if any, is echoed to correlate. */
    static String jobList(String jobId, ObjectNode data, Instant now) {
        ObjectNode message = envelope(MessageType.JOB_LIST, jobId, now);
        message.set("data", data);
        return message.toString();
    }

    /**
     * {@code COMMAND_REJECTED} or {@code JOB_START_FAILED} of a command that was read: {@code data: {reason, message,
     * messageId, command}}, the SQS message id the sender had from SendMessage and the command's type.
     */
    static String rejected(MessageType type, Command command, String reason, String text, Instant now) {
        return refusal(
                        type,
                        command.jobId(),
                        reason,
                        text,
                        command.messageId(),
                        command.type().name(),
                        now)
                .toString();
    }

    /**
     * {@code COMMAND_REJECTED} of a message that is not a command: as {@link #rejected}, with what could be read of it
     * ({@code command} null when its type could not be) and {@code raw}, its body cut to {@value #RAW_CHARACTERS}
     * characters, so that a sender who kept no message id still knows which message it was.
     */
    public static String unparsed(Command.Rejection rejection, String messageId, String body, Instant now) {
        ObjectNode message = refusal(
                MessageType.COMMAND_REJECTED,
                rejection.jobId(),
                rejection.reason(),
                rejection.message(),
                messageId,
                rejection.type(),
                now);
        ((ObjectNode) message.get("data")).put("raw", SqsText.cut(body, RAW_CHARACTERS));
        return message.toString();
    }

    private static ObjectNode refusal(
            MessageType type, String jobId, String reason, String text, String messageId, String command, Instant now) {
        ObjectNode message = envelope(type, jobId, now);
        ObjectNode data = message.putObject("data");
        data.put("reason", reason);
        data.put("message", text);
        data.put("messageId", messageId);
        data.put("command", command);
        return message;
    }

    private static ObjectNode envelope(MessageType type, String jobId, Instant now) {
        return Envelope.message(type, jobId, now);
    }
}
