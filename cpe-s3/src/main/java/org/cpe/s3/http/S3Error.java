package org.cpe.s3.http;

/** A request the protocol refuses before it reaches the store: S3's error code, HTTP status and a message. */
final class S3Error extends Exception {

    private final String code;
    private final int status;

    S3Error(int status, String code, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    static S3Error notImplemented(String what) {
        return new S3Error(
                501,
                "NotImplemented",
                what + " is not implemented by CPE's embedded S3 store, which serves buckets, objects, listings and"
                        + " multipart uploads; use AWS S3 (cpe.media.s3.endpoint=aws) for more");
    }

    static S3Error invalidArgument(String message) {
        return new S3Error(400, "InvalidArgument", message);
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }
}
