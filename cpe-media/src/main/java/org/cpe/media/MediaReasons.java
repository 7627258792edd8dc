package org.cpe.media;

/** The failure reasons of the media activities, as the client sees them in {@code ACTIVITY_FAILED}. */
public final class MediaReasons {

    /** The input names no asset, or one in a place CPE cannot read. */
    public static final String INPUT_MISSING = "INPUT_MISSING";

    /** The asset could not be fetched (a missing file, an HTTP error). */
    public static final String DOWNLOAD_FAILED = "DOWNLOAD_FAILED";

    /** The output could not be written where asked. */
    public static final String UPLOAD_FAILED = "UPLOAD_FAILED";

    /** ffprobe found no media it could read in the asset. */
    public static final String INVALID_ASSET = "INVALID_ASSET";

    /** The output type cannot be made from the input type (the original's CONVERSION_TYPE_ERROR). */
    public static final String CONVERSION_TYPE_ERROR = "CONVERSION_TYPE_ERROR";

    /** ffmpeg ended with an error; the details end with its last lines of output. */
    public static final String FFMPEG_FAILED = "FFMPEG_FAILED";

    /** ffmpeg or ffprobe is not installed where the worker looks for it. */
    public static final String FFMPEG_MISSING = "FFMPEG_MISSING";

    /** An {@code s3://} asset on a worker without S3 storage ({@code cpe.media.s3.endpoint}). */
    public static final String S3_NOT_CONFIGURED = "S3_NOT_CONFIGURED";

    /** A preset that does not exist. */
    public static final String UNKNOWN_PRESET = "UNKNOWN_PRESET";

    private MediaReasons() {}
}
