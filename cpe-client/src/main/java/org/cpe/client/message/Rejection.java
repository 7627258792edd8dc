package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A command CPE did not carry out: {@code data: {reason, message, messageId, command, raw}}. */
public abstract class Rejection extends CpeMessage {

    protected Rejection(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** Why, as a code such as {@code UNKNOWN_WORKFLOW_TYPE} or {@code NO_SUCH_JOB}. */
    public String reason() {
        return Fields.text(data(), "reason");
    }

    /** The explanation for a person. */
    public String message() {
        return Fields.text(data(), "message");
    }

    /** The type of the command that was rejected, when it could be read. */
    public String command() {
        return Fields.text(data(), "command");
    }

    /**
     * The SQS message id of the rejected command, as {@code SendMessage} returned it to the sender; null for a
     * refusal of a server older than this field.
     */
    public String messageId() {
        return Fields.text(data(), "messageId");
    }

    /**
     * The rejected message's body as CPE received it, when it could not be read as a command ({@code INVALID_JSON},
     * {@code UNKNOWN_COMMAND}, {@code MISSING_FIELD} of the envelope); else null. At most 1,024 characters: a longer
     * body keeps its start and ends with {@code …[cut N characters]}.
     */
    public String raw() {
        return Fields.text(data(), "raw");
    }
}
