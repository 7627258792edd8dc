package org.cpe.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import org.cpe.activity.ActivityCanceledException;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.ActivityException;
import org.cpe.activity.access.HttpAnswer;

/**
 * Streams the body of an http(s) URL to a sink in chunks, reporting progress and stopping when canceled; only to the
 * addresses the server lets jobs reach.
 */
final class Downloads {

    static final String DOWNLOAD_FAILED = "DOWNLOAD_FAILED";

    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final int CHUNK_BYTES = 64 * 1024;

    /** Takes each chunk of the body as it arrives. */
    @FunctionalInterface
    interface Sink {
        void accept(byte[] buffer, int length) throws ActivityException;
    }

    private Downloads() {}

    /** The URL in {@code field}, which must be an absolute http or https URL. */
    static URI parse(String field, String url) throws ActivityException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw Inputs.invalid(
                    "\"" + field + "\" must be an http or https URL, not \"" + url + "\" (" + e.getMessage() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme) || uri.getHost() == null) {
            throw Inputs.invalid("\"" + field + "\" must be an http or https URL with a host, not \"" + url + "\"");
        }
        return uri;
    }

    /**
     * Sends {@code preparing}, then streams the body of {@code uri} to {@code sink} through the context's {@link
     * ActivityContext#web() web access}, which refuses internal addresses; returns its size in bytes.
     */
    static long fetch(URI uri, ActivityContext context, Sink sink) throws ActivityException {
        context.preparing();
        HttpAnswer answer;
        try {
            answer = context.web().get(uri);
        } catch (IOException e) {
            throw failed(uri, e, context);
        }
        // A cancellation closes the connection, which ends a read that waits for the server.
        context.onCancel(() -> {
            try {
                answer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (answer;
                InputStream body = answer.body()) {
            if (answer.status() / 100 != 2) {
                throw new ActivityException(
                        DOWNLOAD_FAILED, "GET " + uri + " answered with HTTP status " + answer.status());
            }
            return copy(body, answer.contentLength().orElse(-1), context, sink);
        } catch (IOException e) {
            throw failed(uri, e, context);
        }
    }

    private static long copy(InputStream body, long length, ActivityContext context, Sink sink)
            throws IOException, ActivityException {
        byte[] buffer = new byte[CHUNK_BYTES];
        long total = 0;
        int reported = 0;
        while (true) {
            context.throwIfCancelRequested();
            int read = body.read(buffer);
            if (read < 0) {
                return total;
            }
            sink.accept(buffer, read);
            total += read;
            if (length > 0) {
                int percent = (int) Math.min(100, total * 100 / length);
                if (percent != reported) {
                    context.progress(percent);
                    reported = percent;
                }
            }
        }
    }

    private static ActivityException failed(URI uri, IOException e, ActivityContext context)
            throws ActivityCanceledException {
        // Cancellation interrupts the thread, which the client's body stream reports as an IOException.
        context.throwIfCancelRequested();
        if (Thread.currentThread().isInterrupted()) {
            return new ActivityCanceledException("interrupted");
        }
        String cause = e instanceof UnknownHostException
                ? "its host cannot be resolved"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ActivityException(DOWNLOAD_FAILED, "GET " + uri + " failed: " + cause, e);
    }
}
