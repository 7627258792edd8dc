package org.cpe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.cpe.client.message.ActivityProgress;
import org.cpe.client.message.CpeMessage;
import org.cpe.client.message.JobStatus;
import org.cpe.client.message.WorkflowCompleted;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The library against a real SQS (ElasticMQ), with the test playing CPE's side of the queues: what the client sends,
 * how it waits for answers, and when it acknowledges. The library against a real CPE stack is tested in cpe-micro.
 */
class CpeClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SQSRestServer server;
    private static String endpoint;
    private static SqsClient sqs;

    private ClientDefinition definition;
    private String input;
    private String output;
    private CpeClient client;

    @BeforeAll
    static void startSqs() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .start();
        endpoint =
                "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder()
                .endpointOverride(java.net.URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
        server.stopAndWait();
    }

    @BeforeEach
    void createQueues() {
        String name = "c" + System.nanoTime();
        definition = ClientDefinition.withDefaultQueues(name);
        input = sqs.createQueue(b -> b.queueName(name + "-input")).queueUrl();
        output = sqs.createQueue(b ->
                        b.queueName(name + "-output").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "2")))
                .queueUrl();
        client = CpeClient.builder()
                .client(definition)
                .endpoint(endpoint)
                .replyTimeout(Duration.ofSeconds(3))
                .build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void startJobSendsTheOriginalSdkCommandWithTheClientDefinition() throws Exception {
        String jobId = client.startJob(Job.of("cpe-demo", "1").with("seconds", 1));

        JsonNode command = JSON.readTree(receiveOne(input).body());
        assertThat(jobId).matches("[0-9a-f]{32}");
        assertThat(command.path("type").asText()).isEqualTo("START_JOB");
        assertThat(command.path("jobId").asText()).isEqualTo(jobId);
        assertThat(command.path("time").isNumber()).isTrue();
        assertThat(command.path("data").path("workflow").path("name").asText()).isEqualTo("cpe-demo");
        assertThat(command.path("data").path("seconds").asInt()).isEqualTo(1);
        assertThat(command.path("data").path("client").path("name").asText()).isEqualTo(definition.name());
        assertThat(command.path("data")
                        .path("client")
                        .path("queues")
                        .path("output")
                        .asText())
                .isEqualTo(definition.outputQueue());
    }

    @Test
    void aQuestionWaitsForItsAnswerAndLeavesOtherMessagesInTheQueue() throws Exception {
        put("{\"type\":\"ACTIVITY_PROGRESS\",\"jobId\":\"other\",\"data\":{\"activity\":{\"activityId\":\"a\"}}}");
        Thread cpe = answerOnce(command -> "{\"type\":\"JOB_STATUS\",\"jobId\":\""
                + command.path("jobId").asText()
                + "\",\"data\":{\"job\":{\"jobId\":\"j1\",\"status\":\"COMPLETED\",\"progress\":{\"percent\":100}}}}");

        JobStatus status = client.jobStatus("j1");

        cpe.join(5_000);
        assertThat(status.job().status()).isEqualTo("COMPLETED");
        assertThat(status.job().progress().percent()).isEqualTo(100);
        // The other job's message was given back at once, not lost and not held for its visibility timeout.
        assertThat(receiveOne(output).body()).contains("\"jobId\":\"other\"");
    }

    @Test
    void aRefusedQuestionThrowsWithCpesReason() {
        answerOnce(command -> "{\"type\":\"COMMAND_REJECTED\",\"jobId\":\""
                + command.path("jobId").asText()
                + "\",\"data\":{\"reason\":\"NO_SUCH_JOB\",\"message\":\"no job j1\",\"command\":\"GET_JOB_STATUS\"}}");

        assertThatThrownBy(() -> client.jobStatus("j1"))
                .isInstanceOfSatisfying(CommandRejectedException.class, e -> assertThat(e.reason())
                        .isEqualTo("NO_SUCH_JOB"))
                .hasMessageContaining("no job j1");
    }

    @Test
    void aQuestionNobodyAnswersEndsWithNoReply() {
        assertThatThrownBy(() -> client.jobStatus("j1"))
                .isInstanceOf(NoReplyException.class)
                .hasMessageContaining("GET_JOB_STATUS")
                .hasMessageContaining(definition.name());
    }

    @Test
    void aMissingQueueIsNamedInTheError() {
        try (CpeClient stranger = CpeClient.builder()
                .client(ClientDefinition.withDefaultQueues("nobody"))
                .endpoint(endpoint)
                .build()) {
            assertThatThrownBy(() -> stranger.startJob(Job.of("p", "1")))
                    .isInstanceOf(CpeException.class)
                    .hasMessageContaining("'nobody-input'")
                    .hasMessageContaining("does not exist");
        }
    }

    @Test
    void followConsumesOneJobsMessagesUntilItEnds() throws Exception {
        put("{\"type\":\"ACTIVITY_PROGRESS\",\"jobId\":\"j1\",\"data\":{\"activity\":{\"activityId\":\"a\","
                + "\"result\":{\"progress\":50}}}}");
        put("{\"type\":\"ACTIVITY_PROGRESS\",\"jobId\":\"j2\",\"data\":{\"activity\":{\"activityId\":\"a\"}}}");
        put("{\"type\":\"WORKFLOW_COMPLETED\",\"jobId\":\"j1\",\"data\":{\"result\":{}}}");
        List<CpeMessage> seen = new ArrayList<>();

        CpeMessage end = client.follow("j1", Duration.ofSeconds(10), seen::add);

        assertThat(end).isInstanceOf(WorkflowCompleted.class);
        assertThat(seen).hasSize(2).anySatisfy(m -> assertThat(((ActivityProgress) m).percent())
                .isEqualTo(50));
        assertThat(receiveOne(output).body()).contains("\"jobId\":\"j2\"");
    }

    @Test
    void theListenerAcknowledgesAMessageOnlyAfterItsHandlerReturned() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicReference<String> receipt = new AtomicReference<>();
        put("{\"type\":\"WORKFLOW_CANCELED\",\"jobId\":\"j1\"}");

        try (CpeListener listener = client.listen(
                m -> {
                    receipt.set(m.receiptHandle());
                    handling.countDown();
                    awaitLatch(finish);
                },
                null,
                Duration.ofSeconds(1))) {
            assertThat(handling.await(10, TimeUnit.SECONDS)).isTrue();
            // While the handler runs, the message is still in the queue: its receipt handle is valid.
            sqs.changeMessageVisibility(
                    b -> b.queueUrl(output).receiptHandle(receipt.get()).visibilityTimeout(30));
            assertThat(messagesIn(output)).isEqualTo(1);
            finish.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(output) == 0);
            assertThat(listener.running()).isTrue();
        }
    }

    @Test
    void aMessageWhoseHandlerFailedComesBack() {
        List<String> deliveries = new CopyOnWriteArrayList<>();
        put("{\"type\":\"WORKFLOW_CANCELED\",\"jobId\":\"j1\"}");

        try (CpeListener listener = client.listen(
                m -> {
                    deliveries.add(m.jobId());
                    if (deliveries.size() == 1) {
                        throw new IllegalStateException("the application failed");
                    }
                },
                null,
                Duration.ofSeconds(1))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> deliveries.size() == 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> messagesIn(output) == 0);
            assertThat(listener.running()).isTrue();
        }
        assertThat(deliveries).containsExactly("j1", "j1");
    }

    @Test
    void aQuestionAskedWhileAListenerRunsGetsItsAnswerFromTheListener() throws Exception {
        List<CpeMessage> delivered = new CopyOnWriteArrayList<>();
        try (CpeListener listener = client.listen(delivered::add, null, Duration.ofSeconds(1))) {
            answerOnce(command -> "{\"type\":\"JOB_STATUS\",\"jobId\":\""
                    + command.path("jobId").asText() + "\",\"data\":{\"job\":{\"jobId\":\"j1\",\"status\":\"OPEN\"}}}");
            put("{\"type\":\"WORKFLOW_CANCELED\",\"jobId\":\"j2\"}");

            assertThat(client.jobStatus("j1").job().status()).isEqualTo("OPEN");
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 1);
        }
        assertThat(delivered).singleElement().satisfies(m -> assertThat(m.jobId())
                .isEqualTo("j2"));
        assertThat(messagesIn(output)).isZero();
    }

    /** Plays the InputPoller once: reads one command and puts the answer {@code reply} makes on the output queue. */
    private Thread answerOnce(java.util.function.Function<JsonNode, String> reply) {
        Thread thread = new Thread(() -> {
            try {
                Message command = receiveOne(input);
                put(reply.apply(JSON.readTree(command.body())));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void put(String body) {
        sqs.sendMessage(b -> b.queueUrl(output).messageBody(body));
    }

    private static Message receiveOne(String queue) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1))
                                .messages(),
                        list -> !list.isEmpty())
                .get(0);
    }

    private static int messagesIn(String queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
