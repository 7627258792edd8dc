package org.cpe.activity.access;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One HTTP answer from {@link OutboundHttp}: its status, headers and body, read from the connection as it comes (by
 * {@code Content-Length}, chunked, or to the end). Closing it closes the connection, from any thread.
 */
public final class HttpAnswer implements Closeable {

    /** More header bytes than any real server sends: a peer that keeps talking is not answering. */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    private final URI uri;
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;
    private final Socket socket;

    private HttpAnswer(URI uri, int status, Map<String, String> headers, InputStream body, Socket socket) {
        this.uri = uri;
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.socket = socket;
    }

    /** The URL that answered: the one asked for, or where its redirects led. */
    public URI uri() {
        return uri;
    }

    public int status() {
        return status;
    }

    /** The value of a header, by name in any case; the last one when it came more than once. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body's length when the server said it. */
    public OptionalLong contentLength() {
        String length = header("content-length");
        try {
            return length == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(length.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public InputStream body() {
        return body;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static HttpAnswer read(URI uri, Socket socket) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        int[] budget = {MAX_HEAD_BYTES};
        String statusLine;
        int status;
        do {
            statusLine = line(in, budget);
            if (!statusLine.matches("HTTP/1\\.[01] \\d{3}( .*)?")) {
                throw new ProtocolException(uri + " did not answer in HTTP/1.x: " + cut(statusLine));
            }
            status = Integer.parseInt(statusLine.substring(9, 12));
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header; !(header = line(in, budget)).isEmpty(); ) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(
                            header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).trim());
                }
            }
            if (status / 100 != 1) {
                return new HttpAnswer(uri, status, Map.copyOf(headers), body(in, status, headers), socket);
            }
        } while (true);
    }

    private static InputStream body(InputStream in, int status, Map<String, String> headers) throws IOException {
        if (status == 204 || status == 304) {
            return InputStream.nullInputStream();
        }
        String encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new ChunkedBody(in);
        }
        String length = headers.get("content-length");
        if (length != null) {
            try {
                return new LimitedBody(in, Long.parseLong(length.trim()));
            } catch (NumberFormatException e) {
                throw new ProtocolException("the answer's Content-Length is not a number: " + cut(length));
            }
        }
        return in;
    }

    /** One line of the head, without its CR LF, in ISO-8859-1 as HTTP's head is. */
    static String line(InputStream in, int[] budget) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection closed in the middle of the answer's head");
            }
            if (--budget[0] < 0) {
                throw new ProtocolException("the answer's head is longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n') {
                String line = bytes.toString(StandardCharsets.ISO_8859_1);
                return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            }
            bytes.write(b);
        }
    }

    private static String cut(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }

    /** A body read from the connection's stream in parts; one byte is a part of one. */
    private abstract static class Body extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** A body of a known length. */
    private static final class LimitedBody extends Body {

        private final InputStream in;
        private long left;

        LimitedBody(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new EOFException("the connection closed " + left + " bytes before the body's end");
            }
            left -= n;
            return n;
        }
    }

    /** A body in HTTP/1.1 chunks: {@code size-in-hex CRLF data CRLF}, ending with a chunk of size 0 and trailers. */
    private static final class ChunkedBody extends Body {

        private final InputStream in;
        private long left;
        private boolean done;

        ChunkedBody(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                int[] budget = {MAX_HEAD_BYTES};
                String size = line(in, budget);
                int extension = size.indexOf(';');
                try {
                    left = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new ProtocolException("a chunk of the answer has no size: " + cut(size));
                }
                if (left == 0) {
                    while (!line(in, budget).isEmpty()) {
                        // trailers
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new EOFException("the connection closed in the middle of a chunk");
            }
            left -= n;
            if (left == 0) {
                line(in, new int[] {2});
            }
            return n;
        }
    }
}
