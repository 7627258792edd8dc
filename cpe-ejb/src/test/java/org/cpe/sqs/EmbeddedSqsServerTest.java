package org.cpe.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cpe.aws.AwsClientFactory;
import org.cpe.client.ClientDefinition;
import org.cpe.config.AwsSettings;
import org.cpe.config.EmbeddedSqsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The embedded ElasticMQ through the real AWS SDK client: queues, dead-letter redrive, persistence, port clashes. */
class EmbeddedSqsServerTest {

    private static final AwsSettings AWS = new AwsSettings("us-east-1", "cpe-local", "cpe-local");
    private static final List<ClientDefinition> CLIENTS = List.of(ClientDefinition.withDefaultQueues("demo"));

    @TempDir
    Path dataDir;

    @Test
    void queuedMessageSurvivesARestart() {
        EmbeddedSqsSettings settings = new EmbeddedSqsSettings("127.0.0.1", 0, true, 5);

        try (EmbeddedSqsServer server = EmbeddedSqsServer.start(settings, dataDir);
                SqsClient sqs = AwsClientFactory.sqs(server.endpoint(), AWS)) {
            Map<String, String> queues = new QueueProvisioner(sqs).provision("cpe-dead-letter", CLIENTS, 5);
            sqs.sendMessage(b -> b.queueUrl(queues.get("demo-input")).messageBody("{\"type\":\"START_JOB\"}"));
        }

        try (EmbeddedSqsServer server = EmbeddedSqsServer.start(settings, dataDir);
                SqsClient sqs = AwsClientFactory.sqs(server.endpoint(), AWS)) {
            Map<String, String> queues = new QueueProvisioner(sqs).provision("cpe-dead-letter", CLIENTS, 5);
            List<Message> received = sqs.receiveMessage(
                            b -> b.queueUrl(queues.get("demo-input")).waitTimeSeconds(5))
                    .messages();

            assertThat(received).extracting(Message::body).containsExactly("{\"type\":\"START_JOB\"}");
        }
    }

    @Test
    void inputQueuesRedriveToTheDeadLetterQueue() {
        EmbeddedSqsSettings settings = new EmbeddedSqsSettings("127.0.0.1", 0, false, 1);

        try (EmbeddedSqsServer server = EmbeddedSqsServer.start(settings, dataDir);
                SqsClient sqs = AwsClientFactory.sqs(server.endpoint(), AWS)) {
            Map<String, String> queues = new QueueProvisioner(sqs).provision("cpe-dead-letter", CLIENTS, 1);
            String input = queues.get("demo-input");
            sqs.setQueueAttributes(
                    b -> b.queueUrl(input).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")));
            sqs.sendMessage(b -> b.queueUrl(input).messageBody("poison"));

            assertThat(sqs.receiveMessage(b -> b.queueUrl(input).waitTimeSeconds(5))
                            .messages())
                    .hasSize(1);
            // Not deleted: after its visibility timeout the second receive moves it to the dead-letter queue.
            assertThat(sqs.receiveMessage(b -> b.queueUrl(input).waitTimeSeconds(3))
                            .messages())
                    .isEmpty();
            assertThat(sqs.receiveMessage(b ->
                                    b.queueUrl(queues.get("cpe-dead-letter")).waitTimeSeconds(5))
                            .messages())
                    .extracting(Message::body)
                    .containsExactly("poison");
        }
    }

    @Test
    void portInUseFailsWithAReasonAndTheKeyToChange() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedSqsSettings settings = new EmbeddedSqsSettings("127.0.0.1", taken.getLocalPort(), false, 5);

            assertThatThrownBy(() -> EmbeddedSqsServer.start(settings, dataDir))
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("cpe.embedded-sqs.port");
        }
    }
}
