package org.cpe.config;

import org.cpe.client.ClientDefinition;

/**
 * How this server reaches SQS, the dead-letter queue that keeps messages CPE could not process, and how many batches
 * of outgoing messages each role that sends them (Decider, ActivityPoller) has on their way to SQS at once.
 */
public record SqsSettings(Endpoint endpoint, String deadLetterQueue, int senders) {

    static SqsSettings read(ConfigReader reader) {
        Endpoint endpoint = reader.endpoint("cpe.sqs.endpoint", "http://127.0.0.1:9324");
        String dlq = reader.text("cpe.sqs.dead-letter-queue");
        if (!dlq.isEmpty() && !ClientDefinition.isQueueReference(dlq)) {
            reader.problem(
                    "cpe.sqs.dead-letter-queue",
                    dlq,
                    "is not an SQS queue name or URL",
                    "letters, digits, '-' and '_' (up to 80), or an http(s) queue URL");
        }
        return new SqsSettings(endpoint, dlq, reader.integer("cpe.sqs.senders", 1, 16));
    }
}
