package org.cpe.ear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployed CPE as a client sees it from outside the server: its HTTP API on 127.0.0.1, with the operator
 * {@code admin} whose password the server wrote to its data folder (no API user is configured in these tests).
 */
final class DeployedCpe {

    /** Every role of the embedded default. */
    static final List<String> ROLES =
            List.of("input-poller", "decider", "activity-poller", "embedded-sqs", "embedded-swf", "embedded-s3");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int httpPort;
    private final Path dataDir;

    DeployedCpe(int httpPort, Path dataDir) {
        this.httpPort = httpPort;
        this.dataDir = dataDir;
    }

    /** A GET of the application without credentials. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(httpPort, path, null);
    }

    /** A GET of the application as the operator {@code admin}. */
    HttpResponse<String> getAsAdmin(String path) throws IOException, InterruptedException {
        String password = Files.readString(dataDir.resolve("admin-password")).trim();
        return get(httpPort, path, "admin:" + password);
    }

    /** Each role's state from {@code GET /api/roles}, such as {decider=RUNNING}. */
    Map<String, String> roleStates() throws IOException, InterruptedException {
        Map<String, String> states = new LinkedHashMap<>();
        for (JsonNode role : roles()) {
            states.put(role.path("name").asText(), role.path("state").asText());
        }
        return states;
    }

    /** The embedded SQS's endpoint, such as {@code http://127.0.0.1:40197}, from the role's details. */
    URI embeddedSqsEndpoint() throws IOException, InterruptedException {
        for (JsonNode role : roles()) {
            if (role.path("name").asText().equals("embedded-sqs")) {
                return URI.create(role.at("/details/endpoint").asText());
            }
        }
        throw new AssertionError("GET /api/roles lists no embedded-sqs role");
    }

    private JsonNode roles() throws IOException, InterruptedException {
        HttpResponse<String> response = getAsAdmin("/api/roles");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /api/roles answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A GET of {@code http://127.0.0.1:<port><path>} with HTTP Basic credentials {@code user:password}, or none. */
    static HttpResponse<String> get(int port, String path, String credentials)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (credentials != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
