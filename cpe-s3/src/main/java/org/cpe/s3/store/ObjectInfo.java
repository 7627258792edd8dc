package org.cpe.s3.store;

import java.time.Instant;
import java.util.Map;

/** What the store knows of an object besides its bytes: its key, size, entity tag, type, time and user metadata. */
public record ObjectInfo(
        String key, long size, String etag, String contentType, Instant lastModified, Map<String, String> metadata) {

    public ObjectInfo {
        metadata = Map.copyOf(metadata);
    }

    /** The entity tag as S3 sends it, in double quotes. */
    public String quotedEtag() {
        return "\"" + etag + "\"";
    }
}
