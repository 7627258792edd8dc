package org.cpe.embedded.sqs;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.cpe.aws.AwsClientFactory;
import org.cpe.aws.LocalSqs;
import org.cpe.config.CpeSettings;
import software.amazon.awssdk.services.sqs.SqsClient;

/** This server's embedded SQS, when the {@code embedded-sqs} role runs: started and stopped by its lifecycle bean. */
@ApplicationScoped
public class EmbeddedSqsService implements LocalSqs {

    /** How long the restore of persisted queues and messages may take before startup gives up. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private volatile EmbeddedSqsServer server;

    /** Starts ElasticMQ with the configured queues and waits until they are there; returns their URLs by name. */
    public synchronized Map<String, String> start(CpeSettings settings) {
        if (server != null) {
            throw new IllegalStateException("the embedded SQS is already running at " + server.endpoint());
        }
        EmbeddedQueues queues = new EmbeddedQueues(
                settings.sqs().deadLetterQueue(),
                settings.clients().clients(),
                settings.embeddedSqs().maxReceiveCount());
        // Beyond loopback (or where the operator asks), callers sign with a key the SWF and S3 endpoints accept.
        Optional<Map<String, String>> keys = settings.embeddedSqs().signaturesRequired()
                ? Optional.of(settings.acceptedAccessKeys())
                : Optional.empty();
        EmbeddedSqsServer started = EmbeddedSqsServer.start(settings.embeddedSqs(), settings.dataDir(), queues, keys);
        try (SqsClient sqs = AwsClientFactory.sqs(started.localEndpoint(), settings.aws())) {
            Map<String, String> urls =
                    queues.awaitReady(sqs, started.persistedMessages(), started::restored, READY_TIMEOUT);
            server = started;
            return urls;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** The endpoint of the running embedded SQS, as other machines reach it. */
    public URI endpoint() {
        return running().endpoint();
    }

    @Override
    public URI localEndpoint() {
        return running().localEndpoint();
    }

    private EmbeddedSqsServer running() {
        EmbeddedSqsServer running = server;
        if (running == null) {
            throw new IllegalStateException("the embedded SQS is not running in this server (role embedded-sqs)");
        }
        return running;
    }

    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
