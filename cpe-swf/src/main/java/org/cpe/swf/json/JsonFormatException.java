package org.cpe.swf.json;

/** JSON that cannot be read as the SDK model object it should be; the message says where and why. */
public class JsonFormatException extends IllegalArgumentException {

    public JsonFormatException(String message) {
        super(message);
    }

    public JsonFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
