package org.cpe.s3.http;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request to the S3 endpoint, whatever server received it.
 *
 * @param method the HTTP method
 * @param path the raw (still percent-encoded) path below the endpoint's mount point, such as {@code /bucket/a%20b}
 * @param signedPath the raw path the client addressed and signed, mount point included
 * @param query the raw query string, or null
 * @param headers the headers by lower-case name
 * @param body the request body
 */
public record S3Request(
        String method,
        String path,
        String signedPath,
        String query,
        Map<String, List<String>> headers,
        InputStream body) {

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
