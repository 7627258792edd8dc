package org.cpe.micro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Jobs of the {@code crash-test} plan sent to the demo client's input queue, and what its output queue says of them,
 * read by a thread of its own that rides out a server's absence. Completions are kept as SQS message ids by jobId: a
 * message SQS delivers again (its delete died with a server) counts once, a second notice CPE sent has an id of its
 * own.
 */
final class JobLedger implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final Map<String, Set<String>> completed = new ConcurrentHashMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> types = new ConcurrentHashMap<>();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final Thread reader;

    JobLedger(String sqsEndpoint) {
        this(Sqs.client(sqsEndpoint));
    }

    /** Reading and sending with {@code sqs}, which the ledger closes. */
    JobLedger(SqsClient sqs) {
        this.sqs = sqs;
        String output = sqs.getQueueUrl(r -> r.queueName("demo-output")).queueUrl();
        this.reader = new Thread(() -> read(output), "job-ledger");
        reader.start();
    }

    /** Sends START_JOB for jobs {@code prefix-0} to {@code prefix-(count-1)}, each working {@code sleepMs}. */
    void submit(String prefix, int count, int sleepMs) {
        submit(
                prefix,
                count,
                n -> "{\"workflow\": {\"name\": \"crash-test\", \"version\": \"1\"}, \"n\": " + n + ", \"sleepMs\": "
                        + sleepMs + "}");
    }

    /** Sends START_JOB for jobs {@code prefix-0} to {@code prefix-(count-1)}, job n with {@code data.apply(n)}. */
    void submit(String prefix, int count, java.util.function.IntFunction<String> data) {
        String input = sqs.getQueueUrl(r -> r.queueName("demo-input")).queueUrl();
        for (int batch = 0; batch < count; batch += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int n = batch; n < Math.min(count, batch + 10); n++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id("m" + n)
                        .messageBody("{\"type\": \"START_JOB\", \"jobId\": \"" + prefix + "-" + n + "\", \"data\": "
                                + data.apply(n) + "}")
                        .build());
            }
            sqs.sendMessageBatch(r -> r.queueUrl(input).entries(entries));
        }
    }

    /** By jobId, the ids of the WORKFLOW_COMPLETED messages received. */
    Map<String, Set<String>> completed() {
        return completed;
    }

    /** WORKFLOW_FAILED and refused commands, as received. */
    List<String> failures() {
        return failures;
    }

    /** How many messages of each type were received. */
    Map<String, Integer> types() {
        return types;
    }

    boolean eachCompletedOnce() {
        return completed.values().stream().allMatch(ids -> ids.size() == 1);
    }

    private void read(String output) {
        while (reading.get()) {
            try {
                for (Message m : sqs.receiveMessage(
                                r -> r.queueUrl(output).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages()) {
                    JsonNode notice = JSON.readTree(m.body());
                    String type = notice.path("type").asText();
                    types.merge(type, 1, Integer::sum);
                    if (type.equals("WORKFLOW_COMPLETED")) {
                        completed
                                .computeIfAbsent(notice.path("jobId").asText(), id -> ConcurrentHashMap.newKeySet())
                                .add(m.messageId());
                    } else if (type.equals("WORKFLOW_FAILED")
                            || type.equals("JOB_START_FAILED")
                            || type.equals("COMMAND_REJECTED")) {
                        failures.add(m.body());
                    }
                    sqs.deleteMessage(r -> r.queueUrl(output).receiptHandle(m.receiptHandle()));
                }
            } catch (Exception serverAway) {
                // Between a kill and a restart SQS is not there: try again.
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        reading.set(false);
        reader.join(30_000);
        sqs.close();
    }
}
