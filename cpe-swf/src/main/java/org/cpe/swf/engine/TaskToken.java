package org.cpe.swf.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a task token stands for: one start of one task of one run. It is derived from the history, so a token handed
 * out before a restart still names its task afterwards, and a token of a finished task no longer matches anything.
 */
record TaskToken(Kind kind, String runId, long scheduledEventId, long startedEventId) {

    /** Decision or activity task. */
    enum Kind {
        DECISION,
        ACTIVITY
    }

    String encode() {
        String raw = (kind == Kind.DECISION ? "d" : "a") + "|" + runId + "|" + scheduledEventId + "|" + startedEventId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The task a token names; any token this engine never issued is an unknown resource. */
    static TaskToken decode(String token, Kind expected) {
        Check.required(token, "taskToken");
        Check.length(token, "taskToken", 1024);
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            Kind kind = "d".equals(parts[0]) ? Kind.DECISION : "a".equals(parts[0]) ? Kind.ACTIVITY : null;
            if (parts.length == 4 && kind == expected) {
                return new TaskToken(kind, parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the fault: the token was not issued here
        }
        throw SwfFaults.unknownResource("Unknown task token: it was not issued by this service");
    }
}
