package org.cpe.client;

/** Something the client library could not do: a queue that is not there, SQS unreachable, no answer in time. */
public class CpeException extends RuntimeException {

    public CpeException(String message) {
        super(message);
    }

    public CpeException(String message, Throwable cause) {
        super(message, cause);
    }
}
