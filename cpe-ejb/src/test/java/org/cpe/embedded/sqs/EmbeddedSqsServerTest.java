package org.cpe.embedded.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cpe.testing.FileModes.mode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cpe.aws.AwsClientFactory;
import org.cpe.client.ClientDefinition;
import org.cpe.config.AwsSettings;
import org.cpe.config.EmbeddedSqsSettings;
import org.cpe.testing.FileModes;
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
    void queuedMessagesSurviveRestarts() {
        EmbeddedSqsSettings settings = new EmbeddedSqsSettings("127.0.0.1", 0, true, 5);
        EmbeddedQueues queues = new EmbeddedQueues("cpe-dead-letter", CLIENTS, 5);
        try (EmbeddedSqsServer server = EmbeddedSqsServer.start(settings, dataDir, queues);
                SqsClient sqs = AwsClientFactory.sqs(server.endpoint(), AWS)) {
            String input = queues.awaitReady(sqs, server.persistedMessages(), Duration.ofSeconds(30))
                    .get("demo-input");
            for (int i = 0; i < 5; i++) {
                String body = "{\"jobId\":\"job-" + i + "\"}";
                sqs.sendMessage(b -> b.queueUrl(input).messageBody(body));
            }
        }

        // Twice: the first restart must restore them, and must not lose them for the next one either.
        for (int restart = 1; restart <= 2; restart++) {
            try (EmbeddedSqsServer server = EmbeddedSqsServer.start(settings, dataDir, queues);
                    SqsClient sqs = AwsClientFactory.sqs(server.endpoint(), AWS)) {
                String input = queues.awaitReady(sqs, server.persistedMessages(), Duration.ofSeconds(30))
                        .get("demo-input");

                String count = sqs.getQueueAttributes(b ->
                                b.queueUrl(input).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        .attributes()
                        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
                assertThat(count)
                        .as("messages in demo-input after restart %d", restart)
                        .isEqualTo("5");
                // Readiness must not hang on a count that consumers bring down during the restore: the log says done.
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> server.restored("demo-input"));
            }
        }
        if (dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(mode(dataDir.resolve("sqs"))).isEqualTo("rwx------");
            assertThat(mode(dataDir.resolve("sqs/elasticmq.mv.db")))
                    .as("the database ElasticMQ wrote the messages to")
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void inputQueuesRedriveToTheDeadLetterQueue() {
        EmbeddedSqsSettings settings = new EmbeddedSqsSettings("127.0.0.1", 0, false, 1);
        EmbeddedQueues queues = new EmbeddedQueues("cpe-dead-letter", CLIENTS, 1);

        try (EmbeddedSqsServer server = EmbeddedSqsServer.start(settings, dataDir, queues);
                SqsClient sqs = AwsClientFactory.sqs(server.endpoint(), AWS)) {
            Map<String, String> urls = queues.awaitReady(sqs, server.persistedMessages(), Duration.ofSeconds(30));
            String input = urls.get("demo-input");
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
            assertThat(sqs.receiveMessage(
                                    b -> b.queueUrl(urls.get("cpe-dead-letter")).waitTimeSeconds(5))
                            .messages())
                    .extracting(Message::body)
                    .containsExactly("poison");
        }
    }

    @Test
    void itsFolderAndDatabaseAreTheServersUsersOnlyInAFreshDataFolder() {
        FileModes.assumePosix(dataDir);
        Path data = dataDir.resolve("home/.cpe");

        Path database = EmbeddedSqsServer.database(data);

        assertThat(database).isEqualTo(data.toAbsolutePath().resolve("sqs/elasticmq"));
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("sqs"))).isEqualTo("rwx------");
        assertThat(mode(data.resolve("sqs/elasticmq.mv.db"))).isEqualTo("rw-------");
    }

    /**
     * Without starting ElasticMQ: it keeps one database per JVM (scalikejdbc's singleton pool), the first it was
     * started with, so a second persistent server here would share {@link #queuedMessagesSurviveRestarts}'s.
     */
    @Test
    void inAnOperatorsDataFolderItsOwnFolderAndDatabaseAreTightenedAndTheDataFolderIsLeftAsItIs() throws IOException {
        FileModes.assumePosix(dataDir);
        Path data = FileModes.folder(dataDir.resolve("srv-cpe"), "rwxr-xr-x");
        EmbeddedSqsServer.database(data);
        FileModes.folder(data.resolve("sqs"), "rwxr-xr-x");
        Files.setPosixFilePermissions(
                data.resolve("sqs/elasticmq.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));

        EmbeddedSqsServer.database(data);

        assertThat(mode(data)).isEqualTo("rwxr-xr-x");
        assertThat(mode(data.resolve("sqs"))).isEqualTo("rwx------");
        assertThat(mode(data.resolve("sqs/elasticmq.mv.db"))).isEqualTo("rw-------");
    }

    @Test
    void portInUseFailsWithAReasonAndTheKeyToChange() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedSqsSettings settings = new EmbeddedSqsSettings("127.0.0.1", taken.getLocalPort(), false, 5);

            assertThatThrownBy(() -> EmbeddedSqsServer.start(
                            settings, dataDir, new EmbeddedQueues("cpe-dead-letter", CLIENTS, 5)))
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("cpe.embedded-sqs.port");
        }
    }
}
