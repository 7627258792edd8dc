package org.cpe.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.cpe.aws.AwsClientFactory;
import org.cpe.client.ClientDefinition;
import org.cpe.config.AwsSettings;
import org.cpe.config.EmbeddedSqsSettings;
import org.cpe.embedded.sqs.EmbeddedQueues;
import org.cpe.embedded.sqs.EmbeddedSqsServer;
import org.cpe.loop.PollCycle;
import org.cpe.loop.StopSignal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The outbox against the embedded ElasticMQ through the SDK: batches arrive whole, and nothing is lost. */
class OutboxSqsTest {

    private static final AwsSettings AWS = new AwsSettings("us-east-1", "cpe-local", "cpe-local");
    private static final EmbeddedQueues QUEUES =
            new EmbeddedQueues("cpe-dead-letter", List.of(ClientDefinition.withDefaultQueues("demo")), 5);

    @TempDir
    Path dataDir;

    @Test
    void everyQueuedMessageArrivesAndStoppingSendsWhatIsLeft() throws Exception {
        try (EmbeddedSqsServer server = EmbeddedSqsServer.start(settings(0), dataDir, QUEUES);
                SqsClient sqs = AwsClientFactory.sqs(server.endpoint(), AWS)) {
            String output = QUEUES.awaitReady(sqs, server.persistedMessages(), Duration.ofSeconds(30))
                    .get("demo-output");
            Outbox outbox = new Outbox(sqs, 100);
            PollCycle sender = outbox.sender();
            StopSignal stop = new StopSignal();
            IntStream.range(0, 25).forEach(i -> outbox.send(output, "m" + i));

            sender.pollOnce(stop); // one turn takes what waits: three batches
            IntStream.range(25, 30).forEach(i -> outbox.send(output, "m" + i));
            stop.trigger();
            sender.pollOnce(stop); // the last turn closes the outbox and sends the rest
            outbox.send(output, "after");

            List<String> expected = new ArrayList<>(
                    IntStream.range(0, 30).mapToObj(i -> "m" + i).toList());
            expected.add("after");
            assertThat(receiveAll(sqs, output, expected.size())).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void messagesWaitWhileSqsIsUnreachableAndGoOnceItIsBack() throws Exception {
        int port = freePort();
        String output;
        Outbox outbox;
        PollCycle sender;
        try (EmbeddedSqsServer server = EmbeddedSqsServer.start(settings(port), dataDir, QUEUES);
                SqsClient probe = AwsClientFactory.sqs(server.endpoint(), AWS)) {
            output = QUEUES.awaitReady(probe, server.persistedMessages(), Duration.ofSeconds(30))
                    .get("demo-output");
        }
        try (SqsClient sqs = AwsClientFactory.sqs(java.net.URI.create("http://127.0.0.1:" + port), AWS)) {
            outbox = new Outbox(sqs, 100);
            sender = outbox.sender();
            outbox.send(output, "one");
            outbox.send(output, "two");

            assertThatThrownBy(() -> sender.pollOnce(new StopSignal())).isInstanceOf(SdkClientException.class);

            try (EmbeddedSqsServer server = EmbeddedSqsServer.start(settings(port), dataDir, QUEUES)) {
                QUEUES.awaitReady(sqs, server.persistedMessages(), Duration.ofSeconds(30));
                sender.pollOnce(new StopSignal());

                assertThat(receiveAll(sqs, output, 2)).containsExactlyInAnyOrder("one", "two");
            }
        }
    }

    private static EmbeddedSqsSettings settings(int port) {
        return new EmbeddedSqsSettings("127.0.0.1", port, false, 5);
    }

    private static List<String> receiveAll(SqsClient sqs, String queue, int expected) {
        List<String> bodies = new ArrayList<>();
        for (int empty = 0; empty < 2 && bodies.size() < expected + 1; ) {
            List<Message> messages = sqs.receiveMessage(
                            r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            empty = messages.isEmpty() ? empty + 1 : 0;
            messages.forEach(m -> {
                bodies.add(m.body());
                sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
            });
        }
        return bodies;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
