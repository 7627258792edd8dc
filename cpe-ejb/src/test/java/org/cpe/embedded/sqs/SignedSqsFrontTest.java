package org.cpe.embedded.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cpe.aws.AwsClientFactory;
import org.cpe.client.ClientDefinition;
import org.cpe.config.AwsSettings;
import org.cpe.config.EmbeddedSqsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The embedded SQS as other machines reach it beyond loopback: behind its signature-checking front (bound here on
 * loopback, as tests must), through the real SDK client (JSON protocol) and hand-signed query-protocol forms.
 */
class SignedSqsFrontTest {

    private static final String KEY_ID = "ops-key";
    private static final String SECRET = "ops-secret";
    private static final AwsSettings ACCEPTED = new AwsSettings("us-east-1", KEY_ID, SECRET);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private EmbeddedSqsServer server;
    private String input;

    @BeforeEach
    void startBehindTheFront() {
        EmbeddedQueues queues =
                new EmbeddedQueues("cpe-dead-letter", List.of(ClientDefinition.withDefaultQueues("demo")), 5);
        server = EmbeddedSqsServer.start(
                new EmbeddedSqsSettings("127.0.0.1", 0, false, 5),
                dataDir,
                queues,
                Optional.of(Map.of(KEY_ID, SECRET)));
        try (SqsClient local = AwsClientFactory.sqs(server.localEndpoint(), ACCEPTED)) {
            input = queues.awaitReady(local, Map.of(), Duration.ofSeconds(30)).get("demo-input");
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theFrontTakesTheConfiguredPortAndTheQueueUrlsNameIt() {
        assertThat(server.localEndpoint().getPort())
                .isNotEqualTo(server.endpoint().getPort());
        assertThat(input).startsWith(server.endpoint().toString() + "/");
    }

    @Test
    void anAcceptedKeySendsReceivesWithALongPollAndDeletesSingleAndInBatches() throws Exception {
        try (SqsClient sqs = AwsClientFactory.sqs(server.endpoint(), ACCEPTED)) {
            long start = System.nanoTime();
            List<Message> none = sqs.receiveMessage(b -> b.queueUrl(input).waitTimeSeconds(2))
                    .messages();
            assertThat(none).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));

            CompletableFuture<List<Message>> polling = CompletableFuture.supplyAsync(
                    () -> sqs.receiveMessage(b -> b.queueUrl(input).waitTimeSeconds(20))
                            .messages());
            // A long poll through the front waits for a message rather than answering at once.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !polling.isDone());
            sqs.sendMessage(b -> b.queueUrl(input).messageBody("{\"jobId\":\"one\"}"));
            List<Message> woken = polling.get(15, TimeUnit.SECONDS);
            assertThat(woken).extracting(Message::body).containsExactly("{\"jobId\":\"one\"}");
            sqs.deleteMessage(b -> b.queueUrl(input).receiptHandle(woken.get(0).receiptHandle()));

            var sent = sqs.sendMessageBatch(b -> b.queueUrl(input)
                    .entries(
                            SendMessageBatchRequestEntry.builder()
                                    .id("a")
                                    .messageBody("first")
                                    .build(),
                            SendMessageBatchRequestEntry.builder()
                                    .id("b")
                                    .messageBody("second")
                                    .build()));
            assertThat(sent.successful()).hasSize(2);
            List<Message> both = receiveAll(sqs, 2);
            assertThat(both).extracting(Message::body).containsExactlyInAnyOrder("first", "second");
            var deleted = sqs.deleteMessageBatch(b -> b.queueUrl(input)
                    .entries(both.stream()
                            .map(m -> DeleteMessageBatchRequestEntry.builder()
                                    .id(m.messageId())
                                    .receiptHandle(m.receiptHandle())
                                    .build())
                            .toList()));
            assertThat(deleted.successful()).hasSize(2);
            assertThat(sqs.receiveMessage(b -> b.queueUrl(input).waitTimeSeconds(1))
                            .messages())
                    .isEmpty();
        }
    }

    @Test
    void anUnknownKeyAndAWrongSecretAreRefusedAsSqsRefusesThem() {
        try (SqsClient intruder = AwsClientFactory.sqs(
                        server.endpoint(), new AwsSettings("us-east-1", "cpe-local", "cpe-local"));
                SqsClient guesser =
                        AwsClientFactory.sqs(server.endpoint(), new AwsSettings("us-east-1", KEY_ID, "guess"))) {
            assertThatThrownBy(() -> intruder.sendMessage(b -> b.queueUrl(input).messageBody("x")))
                    .isInstanceOfSatisfying(SqsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                        assertThat(e.getMessage()).contains("unknown access key cpe-local");
                    });
            assertThatThrownBy(() -> guesser.listQueues()).isInstanceOfSatisfying(SqsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            });
        }
        try (SqsClient local = AwsClientFactory.sqs(server.localEndpoint(), ACCEPTED)) {
            assertThat(local.getQueueAttributes(b -> b.queueUrl(input).attributeNamesWithStrings("All"))
                            .attributesAsStrings())
                    .as("nothing the refused clients sent arrived")
                    .containsEntry("ApproximateNumberOfMessages", "0");
        }
    }

    @Test
    void anUnsignedRequestIsRefusedInItsOwnProtocol() throws Exception {
        HttpResponse<String> json = HTTP.send(
                HttpRequest.newBuilder(server.endpoint())
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .header("X-Amz-Target", "AmazonSQS.ListQueues")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> query = HTTP.send(
                HttpRequest.newBuilder(server.endpoint())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("Action=ListQueues&Version=2012-11-05"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(json.statusCode()).isEqualTo(403);
        assertThat(json.body())
                .contains("\"__type\":\"com.amazon.coral.service#MissingAuthenticationTokenException\"")
                .contains("must be signed with AWS Signature V4");
        assertThat(json.headers().firstValue("x-amzn-query-error")).contains("MissingAuthenticationToken;Sender");
        assertThat(query.statusCode()).isEqualTo(403);
        assertThat(query.body())
                .contains("<Code>MissingAuthenticationToken</Code>")
                .contains("<Type>Sender</Type>");
    }

    @Test
    void aSignedQueryProtocolFormWorksAsBoto3AndTheAwsCliV1SendIt() throws Exception {
        String queuePath = URI.create(input).getRawPath();
        HttpResponse<String> sent = signedForm(
                queuePath,
                "Action=SendMessage&Version=2012-11-05&QueueUrl=" + encode(input) + "&MessageBody="
                        + encode("{\"jobId\": \"by form\"}"),
                SECRET);
        HttpResponse<String> received = signedForm(
                queuePath,
                "Action=ReceiveMessage&Version=2012-11-05&QueueUrl=" + encode(input) + "&WaitTimeSeconds=5",
                SECRET);
        HttpResponse<String> wrong = signedForm(queuePath, "Action=ListQueues&Version=2012-11-05", "guess");

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).contains("<MessageId>");
        assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
        assertThat(received.body()).contains("by form");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    }

    /** A form POST signed as the AWS SDKs sign the query protocol. */
    private HttpResponse<String> signedForm(String path, String form, String secret) throws Exception {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(server.endpoint().resolve(path))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(KEY_ID, secret))
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(form))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sqs")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder http =
                HttpRequest.newBuilder(signed.request().getUri()).POST(HttpRequest.BodyPublishers.ofString(form));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        return HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Message> receiveAll(SqsClient sqs, int count) {
        List<Message> messages = new java.util.ArrayList<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            messages.addAll(sqs.receiveMessage(b -> b.queueUrl(sqs.getQueueUrl(q -> q.queueName("demo-input"))
                                    .queueUrl())
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1))
                    .messages());
            return messages.size() >= count;
        });
        return messages;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
