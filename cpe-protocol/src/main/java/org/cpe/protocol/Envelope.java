package org.cpe.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The original envelope of every command and message, {@code {time, type, jobId, data}}, written and read in one
 * place. {@code time} is epoch seconds with a fraction: milliseconds in CPE's messages, as the original's
 * microtime(true) printed them, and microseconds in commands, as the original SDK wrote them.
 */
public final class Envelope {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Envelope() {}

    /** A message of {@code type} about {@code jobId} (null: none) at {@code time}, to which the caller adds data. */
    public static ObjectNode message(MessageType type, String jobId, Instant time) {
        ObjectNode message = JSON.createObjectNode();
        message.put("time", BigDecimal.valueOf(time.toEpochMilli(), 3));
        message.put("type", type.name());
        if (jobId != null) {
            message.put("jobId", jobId);
        } else {
            message.putNull("jobId");
        }
        return message;
    }

    /**
     * A job's message from the Decider or a worker: {@code {time, type, jobId, data: {workflow: {workflowId, runId},
     * ...}}}, the members of the notice's data after {@code workflow}.
     */
    public static String jobMessage(Notice notice, String jobId, String workflowId, String runId, Instant time) {
        ObjectNode message = message(notice.type(), jobId, time);
        ObjectNode data = message.putObject("data");
        ObjectNode workflow = data.putObject("workflow");
        workflow.put("workflowId", workflowId);
        workflow.put("runId", runId);
        notice.data().fields().forEachRemaining(e -> data.set(e.getKey(), e.getValue()));
        return message.toString();
    }

    /** A command as the original SDK wrote it; {@code jobId} may be null, {@code data} null for an empty object. */
    public static String command(CommandType type, String jobId, ObjectNode data, Instant time) {
        ObjectNode command = JSON.createObjectNode();
        long micros = time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000;
        command.put("time", BigDecimal.valueOf(micros, 6));
        command.put("type", type.name());
        if (jobId != null) {
            command.put("jobId", jobId);
        }
        command.set("data", data == null ? JSON.createObjectNode() : data);
        return command.toString();
    }

    /** The {@code type} of a command or message, or null when it has none that is text. */
    public static String type(JsonNode envelope) {
        return text(envelope, "type");
    }

    /** The {@code jobId} of a command or message, or the 2014 clients' {@code job_id}; null when it has neither. */
    public static String jobId(JsonNode envelope) {
        String jobId = text(envelope, "jobId");
        return jobId != null ? jobId : text(envelope, "job_id");
    }

    private static String text(JsonNode envelope, String field) {
        JsonNode value = envelope == null ? null : envelope.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }
}
