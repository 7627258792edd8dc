package org.cpe.client.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A message of a type this library does not know (from a newer CPE), or a body that is not a CPE message at all:
 * {@link #body()} holds it as it came.
 */
public final class UnknownMessage extends CpeMessage {

    private final String body;

    UnknownMessage(ObjectNode json, String body, String receiptHandle) {
        super(json, receiptHandle);
        this.body = body;
    }

    /** The message body as it came. */
    public String body() {
        return body;
    }
}
