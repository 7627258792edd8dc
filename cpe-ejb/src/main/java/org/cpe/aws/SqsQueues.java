package org.cpe.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.cpe.client.ClientDefinition;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * What every role needs of SQS besides sending and receiving: a queue's URL from the name or URL the configuration
 * gives (looked up once), and batches of messages within SQS's limits (ten entries, 256 KiB of bodies).
 */
public final class SqsQueues {

    /** Entries SQS takes in one batch request. */
    public static final int MAX_ENTRIES = 10;

    /** Bytes of message bodies SQS takes in one batch request (no message attributes are sent with them). */
    public static final int MAX_BATCH_BYTES = 256 * 1024;

    private final SqsClient sqs;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    public SqsQueues(SqsClient sqs) {
        this.sqs = sqs;
    }

    /**
     * The URL of {@code queue}, a name or a URL; a name is looked up on the first call and remembered.
     *
     * @throws QueueDoesNotExistException while there is no such queue (not remembered: a later call looks again)
     */
    public String url(String queue) {
        if (ClientDefinition.isQueueUrl(queue)) {
            return queue;
        }
        return urls.computeIfAbsent(
                queue, name -> sqs.getQueueUrl(r -> r.queueName(name)).queueUrl());
    }

    /** {@code items} in order, split into batches SQS takes, each item's size being its {@code body} in UTF-8. */
    public static <T> List<List<T>> batches(List<T> items, Function<T, String> body) {
        List<List<T>> batches = new ArrayList<>();
        List<T> batch = new ArrayList<>();
        int bytes = 0;
        for (T item : items) {
            int size = body.apply(item).getBytes(StandardCharsets.UTF_8).length;
            if (!batch.isEmpty() && (batch.size() == MAX_ENTRIES || bytes + size > MAX_BATCH_BYTES)) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(item);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }
}
