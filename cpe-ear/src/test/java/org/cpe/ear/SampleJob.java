package org.cpe.ear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The sample job as a client application runs it: {@code START_JOB} of the packaged plan {@code cpe-demo} on the
 * {@code demo} client's input queue of the server's embedded SQS, then the client's output queue read until the job
 * ends. The plan runs the Test activity three times (two side by side) and then Checksum on the job's text, so a
 * completed job proves the InputPoller, the Decider, the ActivityPoller and the embedded SQS and SWF all work.
 */
final class SampleJob {

    /** The messages that end a job; nothing of the job follows them. */
    private static final Set<String> ENDINGS = Set.of(
            "WORKFLOW_COMPLETED",
            "WORKFLOW_FAILED",
            "WORKFLOW_CANCELED",
            "WORKFLOW_TIMED_OUT",
            "JOB_START_FAILED",
            "COMMAND_REJECTED");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String jobId = "ear-it-" + System.nanoTime();
    private final String text = "sample job " + jobId;
    private final List<JsonNode> messages = new ArrayList<>();

    /** The job's id. */
    String jobId() {
        return jobId;
    }

    /** The SHA-256 the plan's last step must compute of the job's text, in hex. */
    String expectedChecksum() {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts the job and returns the message that ended it (whatever its type), or fails when none came within
     * {@code timeout}. Every message of the job on the output queue is kept in {@link #messages()}.
     */
    JsonNode run(URI sqsEndpoint, Duration timeout) {
        try (SqsClient sqs = SqsClient.builder()
                .endpointOverride(sqsEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("cpe-local", "cpe-local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            String input = sqs.getQueueUrl(b -> b.queueName("demo-input")).queueUrl();
            String output = sqs.getQueueUrl(b -> b.queueName("demo-output")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(input).messageBody(startJob()));

            return await("the end of job " + jobId + " on demo-output")
                    .atMost(timeout)
                    .pollInterval(Duration.ZERO)
                    .until(() -> receive(sqs, output), ending -> ending != null);
        }
    }

    /**
     * Runs the job and asserts that it completed with the checksum of its text: the text reaches the checksum step
     * only through the outputs of the steps before it.
     */
    void runsToCompletion(URI sqsEndpoint, Duration timeout) {
        JsonNode end = run(sqsEndpoint, timeout);

        assertThat(end.path("type").asText())
                .as("how job %s ended; its messages: %s", jobId, messages)
                .isEqualTo("WORKFLOW_COMPLETED");
        assertThat(end.at("/data/result/checksum/checksum").asText())
                .as("the checksum step's result in %s", end)
                .isEqualTo(expectedChecksum());
    }

    /** The job's messages received so far, in the order they came. */
    List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    private String startJob() {
        ObjectNode command = JSON.createObjectNode().put("type", "START_JOB").put("jobId", jobId);
        ObjectNode data = command.putObject("data");
        data.putObject("workflow").put("name", "cpe-demo").put("version", "1");
        data.put("seconds", 1).put("text", text);
        // As the client library sends it: the client's own definition in the data.
        data.putObject("client")
                .put("name", "demo")
                .putObject("queues")
                .put("input", "demo-input")
                .put("output", "demo-output");
        return command.toString();
    }

    /** One long poll of the output queue; returns the job's ending message once it came, else null. */
    private JsonNode receive(SqsClient sqs, String output) throws Exception {
        JsonNode ending = null;
        for (Message message : sqs.receiveMessage(
                        b -> b.queueUrl(output).waitTimeSeconds(2).maxNumberOfMessages(10))
                .messages()) {
            sqs.deleteMessage(b -> b.queueUrl(output).receiptHandle(message.receiptHandle()));
            JsonNode json = JSON.readTree(message.body());
            if (jobId.equals(json.path("jobId").asText())) {
                messages.add(json);
                if (ENDINGS.contains(json.path("type").asText())) {
                    ending = json;
                }
            }
        }
        return ending;
    }
}
