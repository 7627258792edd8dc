package org.cpe.swf.store;

import java.time.Instant;

/**
 * A registered workflow or activity type. The SDK keeps the two kinds in distinct classes; the store needs only
 * their keys, status and JSON, so the engine passes the SDK objects through {@code infoJson} and
 * {@code configurationJson} written with {@link org.cpe.swf.json.SdkJson}.
 */
public record TypeRecord(
        Kind kind,
        String domain,
        String name,
        String version,
        String status,
        Instant creationDate,
        Instant deprecationDate,
        String infoJson,
        String configurationJson) {

    /** Which of SWF's two type registries. */
    public enum Kind {
        WORKFLOW,
        ACTIVITY
    }
}
