package org.cpe.swf.http;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One HTTP reply of the SWF endpoint, ready for any HTTP server to send: status, content type, JSON body and the
 * headers SWF sends with it (always {@value #REQUEST_ID_HEADER}). The body array is handed over, not copied.
 */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

    /** The content type of every SWF reply, errors included. */
    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    /** The header the SDK reads into {@code requestId()} of responses and exceptions. */
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    public Reply {
        headers = Map.copyOf(headers);
    }

    static Reply json(int status, byte[] body, String requestId) {
        return new Reply(status, CONTENT_TYPE, body, Map.of(REQUEST_ID_HEADER, requestId));
    }

    /** The same reply with one more header. */
    Reply withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Reply(status, contentType, body, more);
    }

    public String requestId() {
        return headers.get(REQUEST_ID_HEADER);
    }

    /** The body as text, for logs and tests. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
