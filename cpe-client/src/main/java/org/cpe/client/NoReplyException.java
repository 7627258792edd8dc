package org.cpe.client;

/**
 * No answer came in time: no InputPoller serves the client's input queue, or another consumer of the output queue took
 * the answer.
 */
public final class NoReplyException extends CpeException {

    public NoReplyException(String message) {
        super(message);
    }
}
