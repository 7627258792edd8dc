package org.cpe.activity.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboundHttpTest {

    private HttpServer server;
    private HttpServer internal;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> internalRequests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void servers() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        internal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        internal.createContext("/", exchange -> {
            internalRequests.add(exchange.getRequestURI().toString());
            send(exchange, 200, "internal", false);
        });
        internal.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        internal.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestURI() + " Host="
                + exchange.getRequestHeaders().getFirst("Host"));
        switch (path) {
            case "/sized" -> send(exchange, 200, "hello, sized", false);
            case "/chunked" -> send(exchange, 200, "hello, ".repeat(5000) + "chunked", true);
            case "/redirect" -> redirect(exchange, "/sized");
            case "/to-internal" -> redirect(
                    exchange, "http://127.0.0.1:" + internal.getAddress().getPort() + "/x");
            case "/to-localhost" -> redirect(
                    exchange, "http://localhost:" + internal.getAddress().getPort() + "/x");
            case "/to-file" -> redirect(exchange, "file:///etc/passwd");
            case "/loop" -> redirect(exchange, "/loop");
            case "/missing" -> send(exchange, 404, "no", false);
            default -> send(exchange, 500, "?", false);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void send(HttpExchange exchange, int status, String text, boolean chunked) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private OutboundHttp allowingServer() {
        return new OutboundHttp(OutboundPolicy.allowing(
                List.of("127.0.0.1:" + server.getAddress().getPort())));
    }

    private static String read(HttpAnswer answer) throws IOException {
        try (answer;
                InputStream body = answer.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void loopbackIsRefusedBeforeAnyConnection() {
        assertThatThrownBy(() -> OutboundHttp.publicOnly().get(url("/sized")))
                .isInstanceOfSatisfying(ActivityException.class, e -> assertThat(e.reason())
                        .isEqualTo(ActivityReasons.ADDRESS_NOT_ALLOWED));
        assertThatThrownBy(() -> OutboundHttp.publicOnly()
                        .get(URI.create(
                                "http://localhost:" + server.getAddress().getPort() + "/sized")))
                .isInstanceOf(ActivityException.class);
        assertThat(requests).isEmpty();
    }

    @Test
    void allowedServerAnswersWithLengthOrChunks() throws Exception {
        HttpAnswer sized = allowingServer().get(url("/sized"));
        assertThat(sized.status()).isEqualTo(200);
        assertThat(sized.contentLength()).hasValue(12);
        assertThat(read(sized)).isEqualTo("hello, sized");

        HttpAnswer chunked = allowingServer().get(url("/chunked?x=1"));
        assertThat(chunked.header("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
        assertThat(read(chunked))
                .startsWith("hello, hello, ")
                .endsWith("chunked")
                .hasSize(7 * 5000 + 7);

        assertThat(requests)
                .contains("/chunked?x=1 Host=127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void errorStatusIsTheCallersToJudge() throws Exception {
        HttpAnswer missing = allowingServer().get(url("/missing"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(read(missing)).isEqualTo("no");
    }

    @Test
    void redirectIsFollowedWithinTheAllowedAddresses() throws Exception {
        HttpAnswer answer = allowingServer().get(url("/redirect"));

        assertThat(answer.uri()).isEqualTo(url("/sized"));
        assertThat(read(answer)).isEqualTo("hello, sized");
    }

    @Test
    void redirectToAnInternalAddressIsRefusedWithoutConnecting() {
        assertThatThrownBy(() -> allowingServer().get(url("/to-internal")))
                .isInstanceOfSatisfying(ActivityException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ActivityReasons.ADDRESS_NOT_ALLOWED);
                    assertThat(e.details()).contains("loopback");
                });
        assertThatThrownBy(() -> allowingServer().get(url("/to-localhost"))).isInstanceOf(ActivityException.class);
        assertThat(internalRequests).isEmpty();
    }

    @Test
    void redirectToAnotherSchemeIsRefused() {
        assertThatThrownBy(() -> allowingServer().get(url("/to-file")))
                .isInstanceOfSatisfying(
                        ActivityException.class, e -> assertThat(e.details()).contains("file:///etc/passwd"));
    }

    @Test
    void endlessRedirectsEnd() {
        assertThatThrownBy(() -> allowingServer().get(url("/loop")))
                .isInstanceOfSatisfying(
                        ActivityException.class, e -> assertThat(e.details()).contains("more than 5"));
        assertThat(requests).hasSize(OutboundHttp.MAX_REDIRECTS + 1);
    }

    @Test
    void closingTheAnswerEndsAReadInProgress() throws Exception {
        // A server that sends the head and part of the body, then holds the connection open.
        try (ServerSocket slow = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                try (Socket client = slow.accept()) {
                    client.getOutputStream()
                            .write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nfirst"
                                    .getBytes(StandardCharsets.ISO_8859_1));
                    client.getOutputStream().flush();
                    release.await(30, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    // the test ended
                }
            });
            serving.start();
            OutboundHttp http = new OutboundHttp(OutboundPolicy.allowing(List.of("127.0.0.1:" + slow.getLocalPort())));
            HttpAnswer answer = http.get(URI.create("http://127.0.0.1:" + slow.getLocalPort() + "/slow"));
            InputStream body = answer.body();
            assertThat(new String(body.readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("first");
            Thread closer = new Thread(() -> {
                try {
                    Thread.sleep(200); // the read below must be blocked when the answer closes
                    answer.close();
                } catch (InterruptedException | IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            closer.start();
            long start = System.nanoTime();
            assertThatThrownBy(body::read).isInstanceOf(IOException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            closer.join();
        }
    }

    @Test
    void unresolvableHostIsAnIoFailure() {
        assertThatThrownBy(() -> OutboundHttp.publicOnly().get(URI.create("http://no-such-host.invalid/")))
                .isInstanceOf(IOException.class);
    }
}
