package org.cpe.s3.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A standalone HTTP endpoint for {@link S3RestProtocol} on the JDK's built-in server, for tests and for running the
 * store outside an application server. It serves below its context path, such as {@code /s3}.
 */
public final class S3HttpServer implements AutoCloseable {

    private final S3RestProtocol protocol;
    private final String contextPath;
    private final HttpServer server;
    private final ExecutorService executor;

    /** Binds at once, so {@link #port()} is known, and serves. */
    public S3HttpServer(S3RestProtocol protocol, InetSocketAddress address, String contextPath) throws IOException {
        this.protocol = protocol;
        this.contextPath = contextPath.endsWith("/") ? contextPath.substring(0, contextPath.length() - 1) : contextPath;
        this.server = HttpServer.create(address, 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cpe-s3-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(this.contextPath.isEmpty() ? "/" : this.contextPath, this::serve);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The endpoint URL for an S3 client, such as {@code http://127.0.0.1:PORT/s3}. */
    public String endpoint() {
        return "http://" + server.getAddress().getHostString() + ":" + port() + contextPath;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String raw = exchange.getRequestURI().getRawPath();
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            InputStream body = exchange.getRequestBody();
            S3Request request = new S3Request(
                    exchange.getRequestMethod(),
                    raw.substring(Math.min(contextPath.length(), raw.length())),
                    raw,
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    body);
            S3Reply reply = protocol.handle(request);
            boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
            try {
                reply.headers()
                        .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
                // What the client sent and nobody read is drained, or the client sees a reset instead of the reply.
                body.transferTo(OutputStream.nullOutputStream());
                if (head) {
                    exchange.getResponseHeaders().set("Content-Length", Long.toString(reply.length()));
                    exchange.sendResponseHeaders(reply.status(), -1);
                } else {
                    exchange.sendResponseHeaders(reply.status(), reply.length() == 0 ? -1 : reply.length());
                    try (OutputStream out = exchange.getResponseBody()) {
                        reply.send(out, false);
                    }
                }
            } finally {
                reply.release();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
