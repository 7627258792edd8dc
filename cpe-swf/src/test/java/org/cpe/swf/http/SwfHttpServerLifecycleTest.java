package org.cpe.swf.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Long polls and shutdown: many pollers at once must not starve other calls, and close must not wait for them. */
class SwfHttpServerLifecycleTest {

    private static final String ACTIVITY_POLL = "SimpleWorkflowService.PollForActivityTask";
    private static final String DECISION_POLL = "SimpleWorkflowService.PollForDecisionTask";

    private final FakeSwfClient fake = new FakeSwfClient();
    private final HttpClient http = HttpClient.newHttpClient();
    private SwfHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void manyWaitingLongPollsDoNotHoldUpOtherCalls() throws Exception {
        server = started();
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            polls.add(http.sendAsync(request(server.uri(), ACTIVITY_POLL), BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.activityPollsWaiting.get() == 20);

        HttpResponse<String> decision = http.send(request(server.uri(), DECISION_POLL), BodyHandlers.ofString());

        assertThat(decision.statusCode()).isEqualTo(200);
        assertThat(polls).noneMatch(CompletableFuture::isDone);
    }

    @Test
    void closeReturnsPromptlyWhileLongPollsWaitAndEndsThem() throws Exception {
        server = started();
        URI uri = server.uri();
        CompletableFuture<HttpResponse<String>> poll =
                http.sendAsync(request(uri, ACTIVITY_POLL), BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.activityPollsWaiting.get() == 1);

        long started = System.nanoTime();
        server.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(fake.activityPollsWaiting.get()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(poll::isDone);
        assertThatThrownBy(() -> http.send(request(uri, DECISION_POLL), BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    private SwfHttpServer started() throws IOException {
        return new SwfHttpServer(new SwfJsonProtocol(fake), new InetSocketAddress("127.0.0.1", 0), "/").start();
    }

    private static HttpRequest request(URI uri, String target) {
        return HttpRequest.newBuilder(uri)
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(BodyPublishers.ofString("{\"domain\":\"cpe\",\"taskList\":{\"name\":\"t\"}}"))
                .build();
    }
}
