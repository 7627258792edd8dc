package org.cpe.builtin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** An HTTP server on a free loopback port that serves fixed bodies, for download tests. */
final class LocalHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private LocalHttpServer(HttpServer server) {
        this.server = server;
    }

    static LocalHttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.start();
            return new LocalHttpServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Answers GET {@code path} with {@code status} and {@code body}, with a Content-Length when {@code withLength},
     * chunked otherwise.
     */
    LocalHttpServer serve(String path, int status, byte[] body, boolean withLength) {
        server.createContext(path, exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(status, withLength ? body.length : 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        return this;
    }

    /** Answers GET {@code path} with a redirect to {@code location}. */
    LocalHttpServer redirect(String path, String location) {
        server.createContext(path, exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        return this;
    }

    /** This server as an entry of cpe.security.outbound-allow: its address and port. */
    String allowEntry() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests reached the server. */
    int requests() {
        return requests.get();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
