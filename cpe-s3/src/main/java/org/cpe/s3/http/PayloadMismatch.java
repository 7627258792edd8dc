package org.cpe.s3.http;

import java.io.IOException;

/**
 * A request body that is not what its signature or digest headers promised, found while it was read, before anything
 * was stored: S3's error code and message.
 */
final class PayloadMismatch extends IOException {

    private final String code;

    PayloadMismatch(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
