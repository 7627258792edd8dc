package org.cpe.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The embedded S3-compatible store of the {@code embedded-s3} role: the buckets it makes at start (objects live in
 * {@code <data-dir>/s3}), and whether its HTTP endpoint requires requests signed with one of the access keys the SWF
 * endpoint accepts.
 */
public record EmbeddedS3Settings(List<String> buckets, boolean signaturesRequired) {

    static final String BUCKETS_KEY = "cpe.embedded-s3.buckets";
    static final String SIGNATURES_KEY = "cpe.embedded-s3.signatures";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public EmbeddedS3Settings {
        buckets = List.copyOf(buckets);
    }

    static EmbeddedS3Settings read(ConfigReader reader) {
        List<String> buckets = reader.list(BUCKETS_KEY);
        for (String bucket : buckets) {
            if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
                reader.problem(
                        BUCKETS_KEY,
                        String.join(",", buckets),
                        "names the bucket '" + bucket + "', which S3 does not allow",
                        "a comma list of bucket names of 3 to 63 lower-case letters, digits, dots and hyphens, such as"
                                + " media");
            }
        }
        return new EmbeddedS3Settings(buckets, EmbeddedSwfSettings.signaturesRequired(reader, SIGNATURES_KEY));
    }
}
