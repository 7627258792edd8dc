package org.cpe.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Something a job's client should hear from the Decider or a worker: a message {@code type} and the members of its
 * {@code data} besides {@code workflow}, before {@link Envelope#jobMessage} puts it in the envelope. A {@code closing} notice reports the workflow's end; it is sent only once the
 * end is confirmed, because SWF can still refuse a close decision that it accepted in a response.
 */
public record Notice(MessageType type, ObjectNode data, boolean closing) {}
