package org.cpe.swf.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoint as any HTTP client sees it, including clients that send what the SDK never would. */
class SwfHttpServerRawTest {

    private static final String POLL = "SimpleWorkflowService.PollForDecisionTask";
    private static final String JSON_1_0 = "application/x-amz-json-1.0";

    private static SwfHttpServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        server = new SwfHttpServer(new FakeSwfClient(), new InetSocketAddress("127.0.0.1", 0), "/").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void serverKeepsServing() throws Exception {
        HttpResponse<String> reply = post(POLL, JSON_1_0, "{\"domain\":\"cpe\",\"taskList\":{\"name\":\"d\"}}");

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).startsWith("{\"taskToken\":\"token-1\"");
    }

    @Test
    void replyIsJson10WithARequestId() throws Exception {
        HttpResponse<String> reply = post(POLL, JSON_1_0, "{}");

        assertThat(reply.headers().firstValue("Content-Type")).hasValue(JSON_1_0);
        assertThat(reply.headers().firstValue("x-amzn-RequestId"))
                .get()
                .asString()
                .matches("[0-9a-f-]{36}");
        assertThat(reply.body()).contains("\"eventTimestamp\":1700000000.123");
    }

    @Test
    void legacyTargetPrefixAndPlainJsonContentTypeAreAccepted() throws Exception {
        HttpResponse<String> reply = post(
                "com.amazonaws.swf.service.model.SimpleWorkflowService.PollForDecisionTask",
                "application/json; charset=UTF-8",
                "{\"domain\":\"cpe\"}");

        assertThat(reply.statusCode()).isEqualTo(200);
    }

    @Test
    void missingContentTypeAndEmptyBodyAreAccepted() throws Exception {
        HttpResponse<String> reply = post(POLL, null, "");

        assertThat(reply.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownTargetIsAnUnknownOperation() throws Exception {
        HttpResponse<String> reply = post("SimpleWorkflowService.FlyToTheMoon", JSON_1_0, "{}");

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body())
                .isEqualTo("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\","
                        + "\"message\":\"unknown operation SimpleWorkflowService.FlyToTheMoon\"}");
    }

    @Test
    void missingTargetIsAnUnknownOperation() throws Exception {
        HttpResponse<String> reply = post(null, JSON_1_0, "{}");

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body())
                .contains("com.amazon.coral.service#UnknownOperationException")
                .contains("missing X-Amz-Target header");
    }

    @Test
    void unsupportedContentTypeIsASerializationError() throws Exception {
        HttpResponse<String> reply = post(POLL, "text/plain", "{}");

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("com.amazon.coral.service#SerializationException");
    }

    @Test
    void malformedJsonIsASerializationErrorWithTheReason() throws Exception {
        HttpResponse<String> reply = post(POLL, JSON_1_0, "{\"domain\":");

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body())
                .startsWith("{\"__type\":\"com.amazon.coral.service#SerializationException\","
                        + "\"message\":\"PollForDecisionTaskRequest is not valid JSON at member 'domain': ");
    }

    @Test
    void memberOfTheWrongTypeIsASerializationErrorNamingIt() throws Exception {
        HttpResponse<String> reply = post(POLL, JSON_1_0, "{\"taskList\":\"deciders\"}");

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body())
                .isEqualTo("{\"__type\":\"com.amazon.coral.service#SerializationException\",\"message\":"
                        + "\"PollForDecisionTaskRequest member 'taskList' should be an object but is a string\"}");
    }

    @Test
    void bodyOverOneMebibyteIsAValidationError() throws Exception {
        HttpResponse<String> reply = post(POLL, JSON_1_0, paddedJson(SwfJsonProtocol.MAX_REQUEST_BYTES + 1));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body())
                .isEqualTo("{\"__type\":\"com.amazon.coral.validate#ValidationException\","
                        + "\"message\":\"request size exceeds 1 MB\"}");
    }

    @Test
    void bodyOfExactlyOneMebibyteIsServed() throws Exception {
        HttpResponse<String> reply = post(POLL, JSON_1_0, paddedJson(SwfJsonProtocol.MAX_REQUEST_BYTES));

        assertThat(reply.statusCode()).isEqualTo(200);
    }

    @Test
    void bugInTheDelegateIsAnInternalFailureWithoutItsDetails() throws Exception {
        HttpResponse<String> reply = post("SimpleWorkflowService.CountPendingDecisionTasks", JSON_1_0, "{}");

        String requestId = reply.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(reply.statusCode()).isEqualTo(500);
        assertThat(reply.body())
                .isEqualTo("{\"__type\":\"com.amazon.coral.service#InternalFailure\",\"message\":"
                        + "\"CountPendingDecisionTasks failed on the server (request id " + requestId + ")\"}")
                .doesNotContain(FakeSwfClient.SECRET_BUG);
    }

    @Test
    void getIsNotAllowed() throws Exception {
        HttpResponse<String> reply =
                HTTP.send(HttpRequest.newBuilder(server.uri()).GET().build(), BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(405);
        assertThat(reply.headers().firstValue("Allow")).hasValue("POST");
        assertThat(reply.body()).contains("HTTP method GET is not allowed");
    }

    @Test
    void otherPathsAreNotFound() throws Exception {
        HttpResponse<String> reply = HTTP.send(
                HttpRequest.newBuilder(server.uri().resolve("/admin"))
                        .header("X-Amz-Target", POLL)
                        .POST(BodyPublishers.ofString("{}"))
                        .build(),
                BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(reply.body()).contains("no SWF endpoint at /admin");
    }

    /** A valid poll request padded with spaces to exactly {@code size} bytes. */
    private static String paddedJson(int size) {
        String json = "{\"domain\":\"cpe\"}";
        char[] padding = new char[size - json.length()];
        Arrays.fill(padding, ' ');
        return json + new String(padding);
    }

    private static HttpResponse<String> post(String target, String contentType, String body) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(server.uri()).POST(BodyPublishers.ofByteArray(body.getBytes(UTF_8)));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), BodyHandlers.ofString());
    }
}
