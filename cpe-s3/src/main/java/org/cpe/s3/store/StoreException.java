package org.cpe.s3.store;

/** A request the store refuses, with S3's error code and HTTP status, such as {@code NoSuchKey} and 404. */
public final class StoreException extends Exception {

    private final String code;
    private final int status;
    private final String resource;

    public StoreException(String code, int status, String message, String resource) {
        super(message);
        this.code = code;
        this.status = status;
        this.resource = resource;
    }

    static StoreException noSuchBucket(String bucket) {
        return new StoreException("NoSuchBucket", 404, "The specified bucket does not exist: " + bucket, bucket);
    }

    static StoreException noSuchKey(String bucket, String key) {
        return new StoreException(
                "NoSuchKey", 404, "The specified key does not exist: " + bucket + "/" + key, bucket + "/" + key);
    }

    static StoreException noSuchUpload(String uploadId) {
        return new StoreException(
                "NoSuchUpload",
                404,
                "The specified multipart upload does not exist; it may have been completed or aborted: " + uploadId,
                uploadId);
    }

    static StoreException invalidArgument(String message, String resource) {
        return new StoreException("InvalidArgument", 400, message, resource);
    }

    /** S3's error code. */
    public String code() {
        return code;
    }

    /** The HTTP status S3 answers with. */
    public int status() {
        return status;
    }

    /** The bucket, {@code bucket/key} or upload the error is about. */
    public String resource() {
        return resource;
    }
}
