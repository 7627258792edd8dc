package org.cpe.swf.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * A standalone HTTP endpoint for {@link SwfJsonProtocol} on the JDK's built-in server, for tests and for running the
 * embedded SWF service outside an application server. It answers POST at {@code /} and at its context path.
 */
public final class SwfHttpServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SwfHttpServer.class.getName());

    /**
     * The JDK server writes a reply's headers and body in two segments; with Nagle's algorithm on, the body then waits
     * for the client's delayed ACK, about 40 ms per call. The JDK reads this switch once, when its first server is
     * made, so it is set here unless the JVM was started with an explicit choice.
     */
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    /**
     * How much of a refused body is still read so the client sees the reply: a client that is cut off while it
     * sends gets a broken pipe instead of the 400.
     */
    private static final long DRAIN_LIMIT = 8L * SwfJsonProtocol.MAX_REQUEST_BYTES;

    private final SwfJsonProtocol protocol;
    private final String contextPath;
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile SigV4Verifier verifier;

    /**
     * Binds at once (so {@link #port()} is known) and serves after {@link #start()}.
     *
     * @param contextPath a path such as {@code /swf}, or {@code /}
     */
    public SwfHttpServer(SwfJsonProtocol protocol, InetSocketAddress address, String contextPath) throws IOException {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.contextPath = normalize(contextPath);
        this.server = HttpServer.create(address, 0);
        // Each long poll holds its thread up to a minute, so the pool grows with the pollers instead of queueing.
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::serve);
    }

    /** A server for {@code delegate}; as {@link #SwfHttpServer(SwfJsonProtocol, InetSocketAddress, String)}. */
    public SwfHttpServer(SwfClient delegate, InetSocketAddress address, String contextPath) throws IOException {
        this(new SwfJsonProtocol(delegate), address, contextPath);
    }

    /** Answers only requests signed with one of the verifier's access keys (AWS Signature V4). */
    public SwfHttpServer requireSignatures(SigV4Verifier value) {
        this.verifier = Objects.requireNonNull(value, "verifier");
        return this;
    }

    public SwfHttpServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The endpoint for {@code SwfClient.builder().endpointOverride(...)}; a wildcard bind is reached via loopback. */
    public URI uri() {
        InetAddress bound = server.getAddress().getAddress();
        InetAddress host = bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound;
        try {
            return new URI("http", null, host.getHostAddress(), port(), contextPath, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops at once: open long polls are interrupted and their connections closed. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warning("SWF HTTP threads still busy 5 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            Reply reply = replyTo(exchange);
            drain(exchange.getRequestBody());
            send(exchange, reply);
        } catch (IOException e) {
            LOG.log(Level.FINE, "SWF HTTP client went away", e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "SWF HTTP exchange failed", e);
        }
    }

    private Reply replyTo(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!servesPath(path)) {
            return protocol.notFound(path, contextPath);
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            return protocol.methodNotAllowed(exchange.getRequestMethod());
        }
        Headers headers = exchange.getRequestHeaders();
        SigV4Verifier signatures = verifier;
        if (signatures != null) {
            byte[] body = exchange.getRequestBody().readNBytes(SwfJsonProtocol.MAX_REQUEST_BYTES + 1);
            Map<String, List<String>> lower = new HashMap<>();
            headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), values));
            Optional<Reply> refused = signatures.check(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    lower,
                    body);
            if (refused.isPresent()) {
                return refused.get();
            }
            return protocol.handle(headers.getFirst("X-Amz-Target"), headers.getFirst("Content-Type"), body);
        }
        return protocol.handle(
                headers.getFirst("X-Amz-Target"),
                headers.getFirst("Content-Type"),
                contentLength(headers.getFirst("Content-Length")),
                exchange.getRequestBody());
    }

    private boolean servesPath(String path) {
        return path.equals("/") || path.equals(contextPath) || path.equals(contextPath + "/");
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", reply.contentType());
        reply.headers().forEach(headers::set);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(reply.status(), head ? -1 : reply.body().length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    private static void drain(InputStream body) throws IOException {
        long skipped = 0;
        byte[] sink = new byte[8192];
        int read;
        while (skipped < DRAIN_LIMIT && (read = body.read(sink)) >= 0) {
            skipped += read;
        }
    }

    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String normalize(String contextPath) {
        if (contextPath == null || contextPath.isBlank() || contextPath.equals("/")) {
            return "/";
        }
        String path = contextPath.startsWith("/") ? contextPath : "/" + contextPath;
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "cpe-swf-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
