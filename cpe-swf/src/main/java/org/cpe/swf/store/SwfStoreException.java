package org.cpe.swf.store;

/** A read of the store that failed in the database; the message says what was being read and why it failed. */
public class SwfStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SwfStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
