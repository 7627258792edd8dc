package org.cpe.inputpoller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.cpe.activitypoller.ProgressBoard;
import org.cpe.aws.SqsText;
import org.cpe.client.ClientDefinition;
import org.cpe.decider.plan.PlanLibrary;
import org.cpe.loop.StopSignal;
import org.cpe.operations.Command;
import org.cpe.protocol.CommandType;
import org.cpe.testing.EmbeddedServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Fuzzing of the input queue: commands of every type, mutated (members dropped or of the wrong type, huge fields,
 * deep nesting, odd characters, cut-off text) and random text, through ElasticMQ and the embedded SWF service. Every
 * message is answered exactly once, each refusal with a reason and a message, none is left in the queue, the cycle
 * never throws, and a valid job still starts afterwards. Every refusal names the refused message's id, and a message
 * that is no command comes back as received (its text cut to 1,024 characters). The seed is fixed ({@code -Dfuzz.seed}).
 */
class InputQueueFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ClientDefinition DEMO = ClientDefinition.withDefaultQueues("demo");
    private static final long SEED = Long.getLong("fuzz.seed", 20261124L);
    private static final int MESSAGES = Integer.getInteger("fuzz.messages", 400);
    private static final Set<String> REFUSALS = Set.of("COMMAND_REJECTED", "JOB_START_FAILED");

    @TempDir
    Path dir;

    private EmbeddedServices services;
    private SqsClient sqs;
    private InputCycle cycle;

    @BeforeEach
    void start() throws Exception {
        services = EmbeddedServices.start(dir, "dlq", List.of(DEMO), Duration.ofMillis(500));
        sqs = services.sqs;
        services.registerWorkflowType("Transcode", "1.0", "decisions");
        cycle = new InputCycle(sqs, services.swf, "cpe", DEMO, "dlq", PlanLibrary.of(List.of()), new ProgressBoard());
    }

    @AfterEach
    void stop() throws Exception {
        services.close();
    }

    @Test
    void everyMutatedOrRandomCommandIsAnsweredOnceAndRefusalsSayWhy() throws Exception {
        Random random = new Random(SEED);
        String input = services.url(DEMO.inputQueue());
        Map<String, String> sent = new HashMap<>();
        for (int i = 0; i < MESSAGES; i++) {
            String body = message(random, i);
            sent.put(sqs.sendMessage(r -> r.queueUrl(input).messageBody(body)).messageId(), body);
        }

        List<JsonNode> replies = new ArrayList<>();
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            cycle.pollOnce(new StopSignal());
            replies.addAll(drain(DEMO.outputQueue()));
            return replies.size() >= MESSAGES && pending(input) == 0;
        });

        assertThat(replies).hasSize(MESSAGES);
        assertThat(replies)
                .filteredOn(r -> REFUSALS.contains(r.path("type").asText()))
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.at("/data/reason").asText()).as(r.toString()).isNotBlank();
                    assertThat(r.at("/data/message").asText()).as(r.toString()).isNotBlank();
                    // The sender can tell which message was refused: by its id, or by its text when it kept none.
                    String body = sent.get(r.at("/data/messageId").asText());
                    assertThat(body).as("the refused message's id in %s", r).isNotNull();
                    Command.Parsed parsed = Command.parse(body, "id");
                    if (parsed.command() == null) {
                        assertThat(r.at("/data/raw").asText())
                                .as("the text of a message that is no command")
                                .isEqualTo(SqsText.cut(body, 1_024));
                    } else {
                        assertThat(r.at("/data/command").asText())
                                .isEqualTo(parsed.command().type().name());
                    }
                });
        assertThat(replies)
                .filteredOn(r -> REFUSALS.contains(r.path("type").asText()))
                .extracting(r -> r.at("/data/messageId").asText())
                .as("each refused message refused once")
                .doesNotHaveDuplicates();
        sqs.sendMessage(r -> r.queueUrl(input)
                .messageBody("{\"type\": \"START_JOB\", \"jobId\": \"after-fuzz\", \"data\": {\"workflow\":"
                        + " {\"name\": \"Transcode\", \"version\": \"1.0\"}}}"));
        List<JsonNode> after = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            cycle.pollOnce(new StopSignal());
            after.addAll(drain(DEMO.outputQueue()));
            return !after.isEmpty();
        });
        assertThat(after.get(0).path("type").asText()).as(after.toString()).isEqualTo("WORKFLOW_SCHEDULED");
    }

    /** One fuzzed message: a valid command of a random type, mutated, or random text. */
    private static String message(Random random, int index) {
        if (random.nextInt(10) == 0) {
            return randomText(random, 1 + random.nextInt(3000));
        }
        ObjectNode command = seed(random, index);
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            mutate(random, command);
        }
        String text = command.toString();
        if (random.nextInt(10) == 0) {
            int cut = random.nextInt(Math.max(1, text.length()));
            // Not between the halves of a surrogate pair: SQS refuses a lone surrogate before CPE sees it.
            if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
                cut--;
            }
            text = text.substring(0, cut);
        }
        return text.isEmpty() ? " " : text;
    }

    private static ObjectNode seed(Random random, int index) {
        ObjectNode command = NODES.objectNode();
        // Every command type there is, in a fixed order so that a seed repeats.
        String[] types = CommandType.names().toArray(String[]::new);
        String type = types[random.nextInt(types.length)];
        command.put("time", 1437447258.98);
        command.put("type", type);
        command.put("jobId", "fuzz-" + index);
        ObjectNode data = command.putObject("data");
        switch (type) {
            case "START_JOB" -> {
                data.putObject("workflow").put("name", "Transcode").put("version", "1.0");
                data.putObject("client").put("name", "demo");
                data.putObject("input_asset")
                        .put("type", "VIDEO")
                        .put("bucket", "b")
                        .put("file", "in.mp4");
            }
            case "CANCEL_ACTIVITY", "GET_ACTIVITY_STATUS" -> data.put("activityId", "step-1");
            case "GET_JOB_LIST" -> data.put("status", "OPEN").put("limit", 10);
            default -> {
                // the jobId is all these commands take
            }
        }
        return command;
    }

    private static void mutate(Random random, ObjectNode command) {
        ObjectNode target = randomObject(random, command);
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() ? "member" : names.get(random.nextInt(names.size()));
        switch (random.nextInt(6)) {
            case 0 -> target.remove(name);
            case 1 -> target.set(name, randomValue(random));
            case 2 -> target.put(name, "y".repeat(30_000 + random.nextInt(150_000)));
            case 3 -> {
                ArrayNode deep = NODES.arrayNode();
                ArrayNode current = deep;
                for (int i = 0; i < 300 + random.nextInt(2000); i++) {
                    current = current.addArray();
                }
                target.set(name, deep);
            }
            case 4 -> target.put(name, randomText(random, 1 + random.nextInt(200)));
            default -> target.set("extra" + random.nextInt(10), randomValue(random));
        }
    }

    private static ObjectNode randomObject(Random random, ObjectNode root) {
        ObjectNode current = root;
        while (random.nextBoolean()) {
            List<ObjectNode> children = new ArrayList<>();
            for (Iterator<JsonNode> it = current.elements(); it.hasNext(); ) {
                JsonNode child = it.next();
                if (child.isObject()) {
                    children.add((ObjectNode) child);
                }
            }
            if (children.isEmpty()) {
                break;
            }
            current = children.get(random.nextInt(children.size()));
        }
        return current;
    }

    private static JsonNode randomValue(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(-random.nextDouble() * 1e300);
            case 4 -> NODES.textNode("");
            case 5 -> NODES.arrayNode().add(1).add("two").addNull();
            case 6 -> NODES.objectNode().put("name", 7);
            default -> NODES.textNode("../../" + random.nextInt());
        };
    }

    /** Text SQS accepts (XML characters), anything else. */
    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int c = random.nextInt(4) == 0 ? 0x20 + random.nextInt(0x60) : random.nextInt(0x2FFFF);
            boolean allowed = c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000;
            if (allowed) {
                text.appendCodePoint(c);
            }
        }
        return text.toString();
    }

    private List<JsonNode> drain(String queue) throws Exception {
        String url = services.url(queue);
        List<JsonNode> got = new ArrayList<>();
        List<Message> messages;
        do {
            messages = sqs.receiveMessage(
                            r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            for (Message m : messages) {
                got.add(JSON.readTree(m.body()));
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        } while (!messages.isEmpty());
        return got;
    }

    private int pending(String url) {
        return sqs
                .getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNamesWithStrings(
                                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings()
                .values()
                .stream()
                .mapToInt(Integer::parseInt)
                .sum();
    }
}
