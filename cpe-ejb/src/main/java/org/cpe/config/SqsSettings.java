package org.cpe.config;

import org.cpe.client.ClientDefinition;

/** How this server reaches SQS, and the dead-letter queue that keeps messages CPE could not process. */
public record SqsSettings(Endpoint endpoint, String deadLetterQueue) {

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
        return new SqsSettings(endpoint, dlq);
    }
}
