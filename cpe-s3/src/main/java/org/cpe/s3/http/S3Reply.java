package org.cpe.s3.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the S3 endpoint answers: a status, headers, and a body of a known length that is written when sent, so that
 * an object streams from its file to the client.
 */
public final class S3Reply {

    /** Writes the body; called once, by whoever sends the reply. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private long length;
    private Body body = out -> {};
    private Runnable release = () -> {};

    S3Reply(int status) {
        this.status = status;
    }

    static S3Reply xml(int status, String document) {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        return new S3Reply(status)
                .header("Content-Type", "application/xml")
                .body(bytes.length, out -> out.write(bytes));
    }

    S3Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    S3Reply body(long bodyLength, Body writer) {
        this.length = bodyLength;
        this.body = writer;
        return this;
    }

    S3Reply onRelease(Runnable action) {
        this.release = action;
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The body's length in bytes; for a HEAD request the length of what a GET would send. */
    public long length() {
        return length;
    }

    /** Writes the body (none for HEAD) and releases what the reply holds, such as an open object. */
    public void send(OutputStream out, boolean head) throws IOException {
        try {
            if (!head) {
                body.writeTo(out);
            }
        } finally {
            release();
        }
    }

    /** Releases what the reply holds without sending it. */
    public void release() {
        Runnable r = release;
        release = () -> {};
        r.run();
    }
}
