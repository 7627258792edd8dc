package org.cpe.config;

/**
 * The embedded SQS (ElasticMQ) of the {@code embedded-sqs} role: where it listens, whether queued messages are kept
 * on disk across restarts, and after how many receives a client's input message goes to the dead-letter queue.
 * Port 0 picks a free port.
 */
public record EmbeddedSqsSettings(String host, int port, boolean persistent, int maxReceiveCount) {

    static final String HOST_KEY = "cpe.embedded-sqs.host";

    /** Whether other machines may reach it, so that requests must be signed by an accepted key. */
    public boolean beyondLoopback() {
        return !Loopback.isLoopback(host);
    }

    static EmbeddedSqsSettings read(ConfigReader reader) {
        return new EmbeddedSqsSettings(
                reader.text(HOST_KEY),
                reader.integer("cpe.embedded-sqs.port", 0, 65535),
                reader.bool("cpe.embedded-sqs.persistent"),
                reader.integer("cpe.embedded-sqs.max-receive-count", 1, 1000));
    }
}
