package org.cpe.micro;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small HTTP GETs and POSTs for the client-side tests; a connection refused or reset reads as status 0. */
final class Http {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    record Response(int status, String body) {}

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

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, e.toString());
        }
    }

    /** The body's {@code "role":"STATE"} pair for a role in the cpe-roles health data. */
    static String roleState(String role, String state) {
        return "\"" + role + "\":\"" + state + "\"";
    }
}
