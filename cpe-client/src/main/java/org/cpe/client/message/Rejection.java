package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A command CPE did not carry out: {@code data: {reason, message, command}}. */
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
}
