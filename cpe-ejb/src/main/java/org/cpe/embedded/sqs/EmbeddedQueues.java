package org.cpe.embedded.sqs;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.cpe.client.ClientDefinition;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The queues the embedded SQS holds: the dead-letter queue and every client's input and output queue, input queues
 * redriving to the dead-letter queue after {@code maxReceiveCount} receives.
 *
 * <p>They are declared in ElasticMQ's own configuration rather than created through the API: on a restart ElasticMQ
 * restores its persisted queues and messages asynchronously after it starts serving, and a queue created through the
 * API meanwhile could come up empty or make the restore fail. ElasticMQ merges the declared queues into its restore.
 */
public record EmbeddedQueues(String deadLetterQueue, List<ClientDefinition> clients, int maxReceiveCount) {

    public EmbeddedQueues {
        clients = List.copyOf(clients);
    }

    /** Every queue name, the dead-letter queue first. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        names.add(ClientDefinition.queueName(deadLetterQueue));
        for (ClientDefinition client : clients) {
            names.add(ClientDefinition.queueName(client.inputQueue()));
            names.add(ClientDefinition.queueName(client.outputQueue()));
        }
        return names;
    }

    /** ElasticMQ configuration entries ({@code queues."name".…}) that declare the queues. */
    Map<String, Object> elasticMqConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        String dlq = ClientDefinition.queueName(deadLetterQueue);
        config.put(path(dlq, "fifo"), dlq.endsWith(".fifo"));
        for (ClientDefinition client : clients) {
            String input = ClientDefinition.queueName(client.inputQueue());
            String output = ClientDefinition.queueName(client.outputQueue());
            config.put(path(input, "fifo"), input.endsWith(".fifo"));
            config.put(path(input, "deadLettersQueue.name"), dlq);
            config.put(path(input, "deadLettersQueue.maxReceiveCount"), maxReceiveCount);
            config.put(path(output, "fifo"), output.endsWith(".fifo"));
        }
        return config;
    }

    /**
     * Waits until ElasticMQ's restore is done: every queue answers and holds at least the messages it had on disk
     * ({@code persisted}, by queue name). Returns the URL of each queue by name.
     */
    public Map<String, String> awaitReady(SqsClient sqs, Map<String, Long> persisted, Duration timeout) {
        return awaitReady(sqs, persisted, queue -> false, timeout);
    }

    /**
     * As {@link #awaitReady(SqsClient, Map, Duration)}, and a queue {@code restored} says ElasticMQ has restored is
     * ready whatever its count: its clients may already be taking messages.
     */
    public Map<String, String> awaitReady(
            SqsClient sqs,
            Map<String, Long> persisted,
            java.util.function.Predicate<String> restored,
            Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> urls = new LinkedHashMap<>();
        for (String name : names()) {
            while (!urls.containsKey(name)) {
                try {
                    urls.put(name, sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
                } catch (QueueDoesNotExistException e) {
                    pause(deadline, timeout, "create queue '" + name + "'", e);
                }
            }
            long expected = persisted.getOrDefault(name, 0L);
            while (!restored.test(name) && messages(sqs, urls.get(name)) < expected) {
                pause(deadline, timeout, "restore the " + expected + " messages of queue '" + name + "'", null);
            }
        }
        return urls;
    }

    /** Every message of a queue: visible, in flight and delayed. */
    private static long messages(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    private static void pause(Instant deadline, Duration timeout, String what, RuntimeException cause) {
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("the embedded SQS did not " + what + " within " + timeout, cause);
        }
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }

    private static String path(String queue, String key) {
        return "queues.\"" + queue + "\"." + key;
    }
}
