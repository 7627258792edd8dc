package org.cpe.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.cpe.sqs.SqsText;

/**
 * A client's command in the original envelope {@code {time, type, jobId, data}} ({@code job_id} is read too, as the
 * 2014 clients sent it) with the id of the SQS message that brought it (null when it came another way), or why it is
 * not one. {@code GET_JOB_LIST} concerns no job: its jobId is optional and only echoed. Parsing is pure: no SQS, no SWF.
 */
record Command(String type, String jobId, JsonNode data, String messageId) {

    static final Set<String> TYPES = Set.of(
            "START_JOB",
            "CANCEL_JOB",
            "CANCEL_ACTIVITY",
            "GET_JOB_LIST",
            "GET_JOB_STATUS",
            "GET_ACTIVITY_LIST",
            "GET_ACTIVITY_STATUS");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How much of an unknown command type a refusal repeats. */
    private static final int TYPE_SHOWN = 100;

    /**
     * A command that cannot be processed: a machine-readable reason, a message for a human, and what could be read of
     * it (its jobId and its type, each null when it could not).
     */
    record Rejection(String reason, String message, String jobId, String type) {}

    /** Either a command or a rejection. */
    record Parsed(Command command, Rejection rejection) {}

    /** The command in {@code body}, which came in the SQS message {@code messageId}. */
    static Parsed parse(String body, String messageId) {
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return rejected("INVALID_JSON", "The message is not JSON: " + e.getOriginalMessage(), null, null);
        }
        if (message == null || !message.isObject()) {
            return rejected("INVALID_JSON", "The message must be a JSON object {time, type, jobId, data}", null, null);
        }
        String jobId = text(message, "jobId");
        if (jobId == null) {
            jobId = text(message, "job_id");
        }
        String type = text(message, "type");
        if (type == null) {
            return rejected(
                    "MISSING_FIELD",
                    "The message has no 'type' (one of " + String.join(", ", sorted()) + ")",
                    jobId,
                    null);
        }
        if (!TYPES.contains(type)) {
            String shown = SqsText.cut(type, TYPE_SHOWN);
            return rejected(
                    "UNKNOWN_COMMAND",
                    "Unknown command type '" + shown + "'; known: " + String.join(", ", sorted()),
                    jobId,
                    shown);
        }
        if (jobId == null && !type.equals("GET_JOB_LIST")) {
            return rejected("MISSING_FIELD", "The " + type + " command has no 'jobId'", null, type);
        }
        JsonNode data = message.get("data");
        if ((data == null || data.isNull()) && type.equals("GET_JOB_LIST")) {
            data = JSON.createObjectNode();
        }
        if (data == null || !data.isObject()) {
            return rejected("MISSING_FIELD", "The " + type + " command has no 'data' object", jobId, type);
        }
        return new Parsed(new Command(type, jobId, data, messageId), null);
    }

    private static Parsed rejected(String reason, String message, String jobId, String type) {
        return new Parsed(null, new Rejection(reason, message, jobId, type));
    }

    private static String text(JsonNode message, String field) {
        JsonNode value = message.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    private static java.util.List<String> sorted() {
        return TYPES.stream().sorted().toList();
    }
}
