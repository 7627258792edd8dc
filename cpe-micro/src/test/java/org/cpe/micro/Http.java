package org.cpe.micro;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Small HTTP GETs and POSTs for the client-side tests, as the operator of {@link Deployments#USERS} unless a
 * method says otherwise; a connection refused or reset reads as status 0.
 */
final class Http {

    /** The operator the tests' deployments admit. */
    static final String OPERATOR = "operator";

    static final String OPERATOR_PASSWORD = "op-secret";

    /** The reader the tests' deployments admit. */
    static final String READER = "reader";

    static final String READER_PASSWORD = "read-secret";

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    record Response(int status, String body, java.net.http.HttpHeaders headers) {

        Response(int status, String body) {
            this(status, body, java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true));
        }
    }

    static Response get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    /** POSTs {@code body} as text. */
    static Response post(URI uri, String body) {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POSTs {@code body} as JSON. */
    static Response postJson(URI uri, String body) {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Any method, with no body. */
    static Response call(String method, URI uri) {
        return send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** Any method, with no body, as {@code user} (no credentials when null) and any further headers (name, value). */
    static Response callAs(String method, URI uri, String user, String password, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return sendAs(request, user, password);
    }

    /** The value of an {@code Authorization: Basic} header. */
    static String basic(String user, String password) {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Response send(HttpRequest.Builder request) {
        return sendAs(request, OPERATOR, OPERATOR_PASSWORD);
    }

    private static Response sendAs(HttpRequest.Builder request, String user, String password) {
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        try {
            HttpResponse<String> response =
                    CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            return new Response(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, e.toString());
        }
    }

    /**
     * A request written by hand on a socket to {@code base}'s host and port, with exactly these headers (name, value)
     * and no credentials: java.net.http will not send a {@code Host} of another name, as a browser does after DNS
     * rebinding. The connection is closed after the answer.
     */
    static Response raw(URI base, String method, String path, String body, String... headers) throws IOException {
        byte[] content = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        request.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(request.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            int end = answer.indexOf("\r\n\r\n");
            String head = end < 0 ? answer : answer.substring(0, end);
            String rest = end < 0 ? "" : answer.substring(end + 4);
            boolean chunked = head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked");
            return new Response(status, chunked ? unchunk(rest) : rest);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int line = chunked.indexOf("\r\n", at);
            int size =
                    Integer.parseInt(chunked.substring(at, line).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            // Sizes count bytes; the test bodies are ASCII JSON.
            body.append(chunked, line + 2, line + 2 + size);
            at = line + 2 + size + 2;
        }
        return body.toString();
    }

    /** The body's {@code "role":"STATE"} pair for a role in the cpe-roles health data. */
    static String roleState(String role, String state) {
        return "\"" + role + "\":\"" + state + "\"";
    }
}
