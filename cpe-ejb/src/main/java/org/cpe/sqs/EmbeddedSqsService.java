package org.cpe.sqs;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import org.cpe.aws.AwsClientFactory;
import org.cpe.config.CpeSettings;
import software.amazon.awssdk.services.sqs.SqsClient;

/** This server's embedded SQS, when the {@code embedded-sqs} role runs: started and stopped by its lifecycle bean. */
@ApplicationScoped
public class EmbeddedSqsService {

    private volatile EmbeddedSqsServer server;

    /** Starts ElasticMQ and creates the configured queues; returns their URLs by name. */
    public synchronized Map<String, String> start(CpeSettings settings) {
        if (server != null) {
            throw new IllegalStateException("the embedded SQS is already running at " + server.endpoint());
        }
        EmbeddedSqsServer started = EmbeddedSqsServer.start(settings.embeddedSqs(), settings.dataDir());
        try (SqsClient sqs = AwsClientFactory.sqs(started.endpoint(), settings.aws())) {
            Map<String, String> queues = new QueueProvisioner(sqs)
                    .provision(
                            settings.sqs().deadLetterQueue(),
                            settings.clients().clients(),
                            settings.embeddedSqs().maxReceiveCount());
            server = started;
            return queues;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** The endpoint of the running embedded SQS. */
    public URI endpoint() {
        EmbeddedSqsServer running = server;
        if (running == null) {
            throw new IllegalStateException("the embedded SQS is not running in this server (role embedded-sqs)");
        }
        return running.endpoint();
    }

    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
