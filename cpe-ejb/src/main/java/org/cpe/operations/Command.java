package org.cpe.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cpe.aws.SqsText;
import org.cpe.protocol.CommandType;
import org.cpe.protocol.Envelope;

/**
 * A client's command in the original envelope {@code {time, type, jobId, data}} ({@code job_id} is read too, as the
 * 2014 clients sent it) with the id of the SQS message that brought it (null when it came another way), or why it is
 * not one. {@code GET_JOB_LIST} concerns no job: its jobId is optional and only echoed. Parsing is pure: no SQS, no SWF.
 */
public record Command(CommandType type, String jobId, JsonNode data, String messageId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How much of an unknown command type a refusal repeats. */
    private static final int TYPE_SHOWN = 100;

    /**
     * A command that cannot be processed: a machine-readable reason, a message for a human, and what could be read of
     * it (its jobId and its type, each null when it could not).
     */
    public record Rejection(String reason, String message, String jobId, String type) {}

    /** Either a command or a rejection. */
    public record Parsed(Command command, Rejection rejection) {}

    /** The command in {@code body}, which came in the SQS message {@code messageId}. */
    public static Parsed parse(String body, String messageId) {
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return rejected("INVALID_JSON", "The message is not JSON: " + e.getOriginalMessage(), null, null);
        }
        if (message == null || !message.isObject()) {
            return rejected("INVALID_JSON", "The message must be a JSON object {time, type, jobId, data}", null, null);
        }
        String jobId = Envelope.jobId(message);
        String name = Envelope.type(message);
        if (name == null) {
            return rejected(
                    "MISSING_FIELD",
                    "The message has no 'type' (one of " + String.join(", ", CommandType.names()) + ")",
                    jobId,
                    null);
        }
        CommandType type = CommandType.of(name).orElse(null);
        if (type == null) {
            String shown = SqsText.cut(name, TYPE_SHOWN);
            return rejected(
                    "UNKNOWN_COMMAND",
                    "Unknown command type '" + shown + "'; known: " + String.join(", ", CommandType.names()),
                    jobId,
                    shown);
        }
        if (jobId == null && type.concernsAJob()) {
            return rejected("MISSING_FIELD", "The " + type + " command has no 'jobId'", null, name);
        }
        JsonNode data = message.get("data");
        if ((data == null || data.isNull()) && !type.concernsAJob()) {
            data = JSON.createObjectNode();
        }
        if (data == null || !data.isObject()) {
            return rejected("MISSING_FIELD", "The " + type + " command has no 'data' object", jobId, name);
        }
        return new Parsed(new Command(type, jobId, data, messageId), null);
    }

    private static Parsed rejected(String reason, String message, String jobId, String type) {
        return new Parsed(null, new Rejection(reason, message, jobId, type));
    }
}
