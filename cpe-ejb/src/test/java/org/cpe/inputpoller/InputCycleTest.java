package org.cpe.inputpoller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cpe.activitypoller.ProgressBoard;
import org.cpe.client.ClientDefinition;
import org.cpe.decider.plan.PlanLibrary;
import org.cpe.loop.StopSignal;
import org.cpe.testing.EmbeddedServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/** The InputPoller's turn through the real SqsClient against ElasticMQ and the embedded SWF engine. */
class InputCycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClientDefinition DEMO = ClientDefinition.withDefaultQueues("demo");

    @TempDir
    Path dir;

    private EmbeddedServices services;
    private SwfClient swf;
    private SqsClient sqs;
    private InputCycle cycle;

    @BeforeEach
    void start() throws Exception {
        services = EmbeddedServices.start(dir, "dlq", List.of(DEMO), Duration.ofMillis(500));
        swf = services.swf;
        sqs = services.sqs;
        services.registerWorkflowType("Transcode", "1.0", "decisions");
        cycle = new InputCycle(sqs, swf, "cpe", DEMO, "dlq", PlanLibrary.of(List.of()), new ProgressBoard());
    }

    @AfterEach
    void stop() throws Exception {
        services.close();
    }

    /** A START_JOB exactly as the original PHP client SDK sent it. */
    private static String originalStartJob(String jobId) {
        return """
                {"time": 1437447258.9809, "type": "START_JOB", "jobId": "%s",
                 "data": {"workflow": {"name": "Transcode", "version": "1.0", "taskList": "basic_transcode",
                                       "domain": "SADomain"},
                          "client": {"name": "demo", "queues": {"input": "https://sqs/in", "output": "https://sqs/out"}},
                          "input_asset": {"type": "VIDEO", "bucket": "b", "file": "in.mp4"}}}
                """
                .formatted(jobId);
    }

    @Test
    void theOriginalClientsStartJobStartsTheWorkflowTaggedWithJobAndClientAndIsAnswered() throws Exception {
        send(originalStartJob("954e8de9"));

        cycle.pollOnce(new StopSignal());

        JsonNode reply = replies(1).get(0);
        assertThat(reply.get("type").asText()).isEqualTo("WORKFLOW_SCHEDULED");
        assertThat(reply.get("jobId").asText()).isEqualTo("954e8de9");
        assertThat(reply.get("workflowId").asText()).isEqualTo("demo.954e8de9");
        assertThat(reply.get("alreadyStarted").asBoolean()).isFalse();
        assertThat(reply.get("input").get("input_asset").get("file").asText()).isEqualTo("in.mp4");
        WorkflowExecutionInfo info = open("demo.954e8de9").get(0);
        assertThat(info.execution().runId()).isEqualTo(reply.get("runId").asText());
        assertThat(info.tagList()).containsExactly("cpe-job:954e8de9", "cpe-client:demo");
        assertThat(inputMessages()).as("the command is deleted once answered").isZero();
    }

    @Test
    void aRepeatedStartJobNeverStartsASecondWorkflowAndSaysSo() throws Exception {
        send(originalStartJob("twice"));
        cycle.pollOnce(new StopSignal());
        send(originalStartJob("twice"));
        cycle.pollOnce(new StopSignal());

        List<JsonNode> replies = replies(2);
        assertThat(replies).extracting(r -> r.get("alreadyStarted").asBoolean()).containsExactly(false, true);
        assertThat(replies.get(1).get("runId")).isEqualTo(replies.get(0).get("runId"));
        assertThat(open("demo.twice")).hasSize(1);
    }

    @Test
    void badCommandsAreRejectedWithAReasonAndKeptRawInTheDeadLetterQueue() throws Exception {
        send("{not json");
        send("{\"type\": \"START_JOB\", \"data\": {}}");
        send("{\"type\": \"FLY\", \"jobId\": \"j3\", \"data\": {}}");
        send("{\"type\": \"START_JOB\", \"jobId\": \"j4\", \"data\": {\"workflow\": {\"name\": \"Nope\","
                + " \"version\": \"1\"}}}");
        send("{\"type\": \"START_JOB\", \"jobId\": \"j5\", \"data\": {\"workflow\": {\"name\": \"Transcode\"}}}");
        services.registerWorkflowType("Old", "1", "decisions");
        swf.deprecateWorkflowType(
                r -> r.domain("cpe").workflowType(t -> t.name("Old").version("1")));
        send("{\"type\": \"START_JOB\", \"jobId\": \"j6\", \"data\": {\"workflow\": {\"name\": \"Old\","
                + " \"version\": \"1\"}}}");
        send("{\"type\": \"START_JOB\", \"jobId\": \"j7\", \"data\": {\"workflow\": {\"name\": \"Transcode\","
                + " \"version\": \"1.0\", \"executionStartToCloseTimeout\": \"soon\"}}}");
        send("{\"type\": \"START_JOB\", \"jobId\": \"j8\", \"data\": {\"workflow\": {\"name\": \"Transcode\","
                + " \"version\": \"1.0\"}, \"blob\": \"" + "x".repeat(40_000) + "\"}}");
        send("{\"type\": \"START_JOB\", \"jobId\": \"a/b\", \"data\": {\"workflow\": {\"name\": \"Transcode\","
                + " \"version\": \"1.0\"}}}");

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            cycle.pollOnce(new StopSignal());
            return inputMessages() == 0;
        });

        List<JsonNode> replies = replies(9);
        assertThat(replies)
                .extracting(r -> r.get("type").asText() + " "
                        + r.get("data").get("reason").asText())
                .containsExactlyInAnyOrder(
                        "COMMAND_REJECTED INVALID_JSON",
                        "COMMAND_REJECTED MISSING_FIELD",
                        "COMMAND_REJECTED UNKNOWN_COMMAND",
                        "JOB_START_FAILED UNKNOWN_WORKFLOW_TYPE",
                        "COMMAND_REJECTED MISSING_FIELD",
                        "JOB_START_FAILED WORKFLOW_TYPE_DEPRECATED",
                        "JOB_START_FAILED START_REJECTED",
                        "JOB_START_FAILED INPUT_TOO_LARGE",
                        "COMMAND_REJECTED INVALID_JOB_ID");
        assertThat(replies)
                .allSatisfy(
                        r -> assertThat(r.get("data").get("message").asText()).isNotBlank());
        List<Message> dead = receiveAll("dlq", 9);
        assertThat(dead).extracting(Message::body).contains("{not json");
        assertThat(dead)
                .extracting(m -> m.messageAttributes().get("cpe-reason").stringValue())
                .contains(
                        "INVALID_JSON",
                        "UNKNOWN_COMMAND",
                        "UNKNOWN_WORKFLOW_TYPE",
                        "WORKFLOW_TYPE_DEPRECATED",
                        "START_REJECTED",
                        "INPUT_TOO_LARGE",
                        "INVALID_JOB_ID");
        assertThat(dead).allSatisfy(m -> assertThat(
                        m.messageAttributes().get("cpe-client").stringValue())
                .isEqualTo("demo"));
        assertThat(open("demo.j7"))
                .as("nothing was started for a rejected command")
                .isEmpty();
    }

    @Test
    void everyRefusalNamesTheMessageItRefusesAndAMessageThatIsNoCommandComesBackAsReceived() throws Exception {
        String notJson = send("{not json");
        String noType = send("{\"jobId\": \"j2\", \"data\": {}}");
        String unknownType = send("{\"type\": \"FLY\", \"jobId\": \"j3\", \"data\": {}}");
        String noData = send("{\"type\": \"CANCEL_JOB\", \"jobId\": \"j4\"}");
        String longBody = "{\"type\": \"START_JOB\", \"jobId\": \"j5\", \"blob\": \"" + "x".repeat(5_000);
        String cutShort = send(longBody);
        String unknownPlan = send("{\"type\": \"START_JOB\", \"jobId\": \"j6\", \"data\": {\"workflow\":"
                + " {\"name\": \"Nope\", \"version\": \"1\"}}}");

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            cycle.pollOnce(new StopSignal());
            return inputMessages() == 0;
        });

        java.util.Map<String, JsonNode> byMessage = new java.util.HashMap<>();
        replies(6).forEach(r -> byMessage.put(r.at("/data/messageId").asText(), r.get("data")));
        assertThat(byMessage).containsOnlyKeys(notJson, noType, unknownType, noData, cutShort, unknownPlan);
        assertThat(byMessage.get(notJson).get("raw").asText()).isEqualTo("{not json");
        assertThat(byMessage.get(notJson).get("command").isNull()).isTrue();
        assertThat(byMessage.get(noType).get("raw").asText()).isEqualTo("{\"jobId\": \"j2\", \"data\": {}}");
        assertThat(byMessage.get(unknownType).get("command").asText()).isEqualTo("FLY");
        assertThat(byMessage.get(noData).get("command").asText()).isEqualTo("CANCEL_JOB");
        assertThat(byMessage.get(noData).get("raw").asText())
                .isEqualTo("{\"type\": \"CANCEL_JOB\", \"jobId\": \"j4\"}");
        String raw = byMessage.get(cutShort).get("raw").asText();
        assertThat(raw).hasSizeLessThanOrEqualTo(1_024).endsWith(" characters]");
        int kept = raw.indexOf("…[cut ");
        assertThat(longBody).startsWith(raw.substring(0, kept));
        assertThat(raw).endsWith("…[cut " + (longBody.length() - kept) + " characters]");
        assertThat(byMessage.get(unknownPlan).get("reason").asText()).isEqualTo("UNKNOWN_WORKFLOW_TYPE");
        assertThat(byMessage.get(unknownPlan).get("command").asText()).isEqualTo("START_JOB");
        assertThat(byMessage.get(unknownPlan).has("raw"))
                .as("a command that was read is not repeated")
                .isFalse();
    }

    @Test
    void commandsOfAClientWhoseOutputQueueDoesNotExistGoToTheDeadLetterQueue() throws Exception {
        ClientDefinition lost = new ClientDefinition("lost", "lost-input", "lost-output");
        sqs.createQueue(r -> r.queueName("lost-input"));
        InputCycle cycle = new InputCycle(sqs, swf, "cpe", lost, "dlq", PlanLibrary.of(List.of()), new ProgressBoard());
        sqs.sendMessage(r -> r.queueUrl(url("lost-input")).messageBody(originalStartJob("l1")));

        cycle.pollOnce(new StopSignal());

        Message dead = receiveAll("dlq", 1).get(0);
        assertThat(dead.messageAttributes().get("cpe-reason").stringValue()).isEqualTo("OUTPUT_QUEUE_UNKNOWN");
        assertThat(dead.messageAttributes().get("cpe-queue").stringValue()).isEqualTo("lost-input");
        assertThat(JSON.readTree(dead.body()).get("jobId").asText()).isEqualTo("l1");
        assertThat(open("lost.l1"))
                .as("nothing is started that nobody would hear of")
                .isEmpty();
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url("lost-input"))
                                .attributeNamesWithStrings("ApproximateNumberOfMessagesNotVisible"))
                        .attributesAsStrings()
                        .get("ApproximateNumberOfMessagesNotVisible"))
                .as("the command is deleted from the input queue once kept")
                .isEqualTo("0");
    }

    /** Sends a command; its SQS message id. */
    private String send(String body) {
        return sqs.sendMessage(r -> r.queueUrl(url(DEMO.inputQueue())).messageBody(body))
                .messageId();
    }

    private String url(String queue) {
        return services.url(queue);
    }

    private int inputMessages() {
        return sqs
                .getQueueAttributes(r -> r.queueUrl(url(DEMO.inputQueue()))
                        .attributeNamesWithStrings(
                                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings()
                .values()
                .stream()
                .mapToInt(Integer::parseInt)
                .sum();
    }

    private List<WorkflowExecutionInfo> open(String workflowId) {
        return swf.listOpenWorkflowExecutions(r -> r.domain("cpe")
                        .startTimeFilter(f -> f.oldestDate(Instant.EPOCH))
                        .executionFilter(f -> f.workflowId(workflowId)))
                .executionInfos();
    }

    private List<JsonNode> replies(int count) throws Exception {
        List<JsonNode> replies = new ArrayList<>();
        for (Message m : receiveAll(DEMO.outputQueue(), count)) {
            replies.add(JSON.readTree(m.body()));
        }
        return replies;
    }

    private List<Message> receiveAll(String queue, int count) {
        String url = url(queue);
        List<Message> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageAttributeNames("All")
                            .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP))
                    .messages()) {
                received.add(m);
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
            return received.size() >= count;
        });
        received.sort(java.util.Comparator.comparing(
                m -> Long.parseLong(m.attributes().getOrDefault(MessageSystemAttributeName.SENT_TIMESTAMP, "0"))));
        assertThat(received).hasSize(count);
        return received;
    }

    @Test
    void cancelJobRequestsTheCancellationOfTheClientsOwnOpenJobOnly() throws Exception {
        send(originalStartJob("to-cancel"));
        cycle.pollOnce(new StopSignal());
        assertThat(replies(1).get(0).get("type").asText()).isEqualTo("WORKFLOW_SCHEDULED");
        InputCycle other = new InputCycle(
                sqs,
                swf,
                "cpe",
                ClientDefinition.withDefaultQueues("other"),
                "dlq",
                PlanLibrary.of(List.of()),
                new ProgressBoard());
        sqs.createQueue(r -> r.queueName("other-input"));
        sqs.createQueue(r -> r.queueName("other-output"));
        sqs.sendMessage(r -> r.queueUrl(url("other-input"))
                .messageBody("{\"type\": \"CANCEL_JOB\", \"jobId\": \"to-cancel\", \"data\": {}}"));

        other.pollOnce(new StopSignal());
        send("{\"type\": \"CANCEL_JOB\", \"jobId\": \"to-cancel\", \"data\": {}}");
        cycle.pollOnce(new StopSignal());

        JsonNode foreign = JSON.readTree(receiveAll("other-output", 1).get(0).body());
        assertThat(foreign.get("data").get("reason").asText()).isEqualTo("NO_OPEN_JOB");
        JsonNode own = replies(1).get(0);
        assertThat(own.get("type").asText()).isEqualTo("JOB_CANCEL_REQUESTED");
        assertThat(swf.getWorkflowExecutionHistory(r -> r.domain("cpe").execution(e -> e.workflowId("demo.to-cancel")
                                .runId(own.at("/data/workflow/runId").asText())))
                        .events())
                .anySatisfy(e -> assertThat(e.eventTypeAsString()).isEqualTo("WorkflowExecutionCancelRequested"));
    }
}
