package org.cpe.embedded.sqs;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.swf.http.SigV4Verifier;

/**
 * The embedded SQS's door when it is reachable from other machines: every request must carry an AWS Signature V4 of
 * an accepted access key, as AWS requires, before it is forwarded to ElasticMQ, which then listens on loopback only.
 * Refusals are SQS's, in the request's protocol (JSON or query). Plain Java, owned by {@link EmbeddedSqsServer}.
 */
public final class SignedSqsFront implements AutoCloseable {

    /** Above SQS's 256 KiB message (or batch) in its most escaped JSON or form encoding. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /** Each request holds a thread until ElasticMQ answers, a long poll up to 20 s; more wait in the queue. */
    private static final int THREADS = 64;

    private static final int QUEUED = 256;

    /** Above SQS's longest long poll (20 s), so that a poll is never cut short. */
    private static final Duration BACKEND_TIMEOUT = Duration.ofSeconds(60);

    /** Hop-by-hop headers, and those java.net.http sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "host",
            "connection",
            "content-length",
            "expect",
            "upgrade",
            "via",
            "date",
            "from",
            "warning",
            "keep-alive",
            "te",
            "trailer",
            "transfer-encoding",
            "proxy-connection",
            "proxy-authorization");

    private static final Logger LOG = Logger.getLogger(SignedSqsFront.class.getName());

    /** Set while a request runs on the server's own thread because the pool is full: it is answered 503 at once. */
    private static final ThreadLocal<Boolean> OVERFLOW = new ThreadLocal<>();

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final HttpClient backend;
    private final URI target;
    private final SigV4Verifier verifier;

    private SignedSqsFront(HttpServer server, ThreadPoolExecutor pool, URI target, Map<String, String> keys) {
        this.server = server;
        this.pool = pool;
        this.target = target;
        this.verifier = new SigV4Verifier(keys, Clock.systemUTC());
        this.backend = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Listens on {@code address} (port 0 picks a free one) and forwards the requests signed by one of {@code keys}
     * (access key id to secret) to ElasticMQ at {@code target}, such as {@code http://127.0.0.1:40123}.
     */
    public static SignedSqsFront start(InetSocketAddress address, URI target, Map<String, String> keys)
            throws IOException {
        HttpServer server = HttpServer.create(address, 128);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED), threads(), (task, p) -> {
                    if (!p.isShutdown()) {
                        OVERFLOW.set(Boolean.TRUE);
                        try {
                            task.run();
                        } finally {
                            OVERFLOW.remove();
                        }
                    }
                });
        pool.allowCoreThreadTimeOut(true);
        SignedSqsFront front = new SignedSqsFront(server, pool, target, keys);
        server.createContext("/", front::handle);
        server.setExecutor(pool);
        server.start();
        return front;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        boolean json = isJson(exchange.getRequestHeaders());
        try {
            if (Boolean.TRUE.equals(OVERFLOW.get())) {
                refuse(exchange, json, SqsRefusals.unavailable("Too many requests at once; try again"));
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                refuse(exchange, json, SqsRefusals.tooLarge(MAX_BODY_BYTES));
                return;
            }
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            URI uri = exchange.getRequestURI();
            SigV4Verifier.Verdict verdict = verifier.verify(
                    exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, sha256(body));
            if (verdict.refused()) {
                refuse(exchange, json, SqsRefusals.of(verdict.refusal()));
                return;
            }
            forward(exchange, json, headers, body);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "An SQS request could not be answered; the client went away", e);
        } finally {
            exchange.close();
        }
    }

    private void forward(HttpExchange exchange, boolean json, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        URI uri = exchange.getRequestURI();
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                .timeout(BACKEND_TIMEOUT)
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name)) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = backend.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            refuse(exchange, json, SqsRefusals.unavailable("The embedded SQS does not answer: " + e));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refuse(exchange, json, SqsRefusals.unavailable("The embedded SQS is stopping"));
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        send(exchange, response.statusCode(), response.body());
    }

    private static void refuse(HttpExchange exchange, boolean json, SqsRefusals refusal) throws IOException {
        refusal.headers(json).forEach(exchange.getResponseHeaders()::set);
        send(exchange, refusal.status(), refusal.body(json));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /** The JSON protocol names its operation in X-Amz-Target; the query protocol sends a form or a query string. */
    private static boolean isJson(Headers headers) {
        String type = headers.getFirst("Content-Type");
        return headers.containsKey("X-Amz-Target") || (type != null && type.contains("amz-json"));
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "cpe-sqs-front-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
