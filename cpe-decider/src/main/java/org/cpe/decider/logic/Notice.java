package org.cpe.decider.logic;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Something the job's client should hear: a message {@code type} of the original protocol and the members of its
 * {@code data} besides {@code workflow}. A {@code closing} notice reports the workflow's end; it is sent only once the
 * end is confirmed, because SWF can still refuse a close decision that it accepted in a response.
 */
public record Notice(String type, ObjectNode data, boolean closing) {}
