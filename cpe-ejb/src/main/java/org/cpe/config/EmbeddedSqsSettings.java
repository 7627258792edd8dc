package org.cpe.config;

import java.util.Locale;

/**
 * The embedded SQS (ElasticMQ) of the {@code embedded-sqs} role: where it listens, whether queued messages are kept
 * on disk across restarts, after how many receives a client's input message goes to the dead-letter queue, and
 * whether requests must be signed by an accepted key. Port 0 picks a free port.
 */
public record EmbeddedSqsSettings(
        String host, int port, boolean persistent, int maxReceiveCount, Signatures signatures) {

    static final String HOST_KEY = "cpe.embedded-sqs.host";
    static final String SIGNATURES_KEY = "cpe.embedded-sqs.signatures";

    /** Whether requests to the embedded SQS must carry an AWS Signature V4 of an accepted key. */
    public enum Signatures {
        /** Required when other machines may reach it, not on loopback. */
        AUTO,
        /** Required wherever it listens. */
        SIGV4,
        /** Never checked: only where nothing but trusted callers reach the port. */
        OPEN
    }

    /** With signatures as {@link Signatures#AUTO} decides. */
    public EmbeddedSqsSettings(String host, int port, boolean persistent, int maxReceiveCount) {
        this(host, port, persistent, maxReceiveCount, Signatures.AUTO);
    }

    /** Whether other machines may reach it. */
    public boolean beyondLoopback() {
        return !Loopback.isLoopback(host);
    }

    /** Whether requests must be signed by an accepted key, so that a signature-checking front serves the port. */
    public boolean signaturesRequired() {
        return signatures == Signatures.SIGV4 || signatures == Signatures.AUTO && beyondLoopback();
    }

    static EmbeddedSqsSettings read(ConfigReader reader) {
        String signatures = reader.text(SIGNATURES_KEY);
        Signatures parsed = Signatures.AUTO;
        try {
            parsed = Signatures.valueOf(signatures.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            reader.problem(
                    SIGNATURES_KEY,
                    signatures,
                    "is not a way to check requests",
                    "'auto' (signed by an accepted key when the embedded SQS listens beyond loopback), 'sigv4'"
                            + " (always) or 'open' (never)");
        }
        return new EmbeddedSqsSettings(
                reader.text(HOST_KEY),
                reader.integer("cpe.embedded-sqs.port", 0, 65535),
                reader.bool("cpe.embedded-sqs.persistent"),
                reader.integer("cpe.embedded-sqs.max-receive-count", 1, 1000),
                parsed);
    }
}
