package org.cpe.swf.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.cpe.swf.engine.SwfFaults;

/**
 * Where the next page of closed executions starts: the sort time and run id of the last one returned. A position
 * in the order rather than an offset, so that executions closing between two calls neither repeat nor go missing.
 * Opaque to clients, as SWF's tokens are.
 */
record PageToken(long sortTs, String runId) {

    private static final String VERSION = "1";

    String encode() {
        String text = VERSION + ":" + sortTs + ":" + runId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a token names; a token this store did not make is the caller's error. */
    static PageToken decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = text.split(":", 3);
            if (parts.length == 3 && parts[0].equals(VERSION) && !parts[2].isEmpty()) {
                return new PageToken(Long.parseLong(parts[1]), parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // Not base64 or not a number: the same answer as any other foreign token.
        }
        throw SwfFaults.validation("Invalid nextPageToken: it was not returned by a previous call with these filters");
    }
}
