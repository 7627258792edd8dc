package org.cpe.swf.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.cpe.swf.json.SwfSamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.DomainAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/** The endpoint as the real SDK v2 client sees it: requests it writes, replies and faults it reads. */
class SwfHttpServerSdkTest {

    private static final FakeSwfClient FAKE = new FakeSwfClient();
    private static SwfHttpServer server;
    private static SwfClient swf;

    @BeforeAll
    static void start() throws IOException {
        server = new SwfHttpServer(new SwfJsonProtocol(FAKE), new InetSocketAddress("127.0.0.1", 0), "/swf").start();
        swf = client(server.uri());
    }

    @AfterAll
    static void stop() {
        swf.close();
        server.close();
    }

    static SwfClient client(URI endpoint) {
        return SwfClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void registeringADomainTwiceFailsWithDomainAlreadyExistsAndItsMessage() {
        String name = "domain-" + UUID.randomUUID();
        swf.registerDomain(r -> r.name(name).workflowExecutionRetentionPeriodInDays("1"));

        DomainAlreadyExistsException fault = catchThrowableOfType(
                DomainAlreadyExistsException.class,
                () -> swf.registerDomain(r -> r.name(name).workflowExecutionRetentionPeriodInDays("1")));

        assertThat(fault.statusCode()).isEqualTo(400);
        assertThat(fault.awsErrorDetails().errorCode()).isEqualTo("DomainAlreadyExistsFault");
        assertThat(fault.awsErrorDetails().errorMessage()).isEqualTo(name);
        assertThat(fault.getMessage()).startsWith(name + " (Service: Swf, Status Code: 400, Request ID: ");
        assertThat(fault.requestId()).matches("[0-9a-f-]{36}");
    }

    @Test
    void unknownResourceFaultArrivesAsUnknownResourceException() {
        assertThatThrownBy(() -> swf.describeDomain(r -> r.name("nowhere")))
                .isExactlyInstanceOf(UnknownResourceException.class)
                .hasMessageStartingWith("Unknown domain: nowhere");
    }

    @Test
    void validationExceptionArrivesAsPlainSwfExceptionWithItsCode() {
        SwfException fault = catchThrowableOfType(
                SwfException.class, () -> swf.registerDomain(r -> r.workflowExecutionRetentionPeriodInDays("1")));

        assertThat(fault).isExactlyInstanceOf(SwfException.class);
        assertThat(fault.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(fault.awsErrorDetails().errorMessage()).startsWith("1 validation error detected");
    }

    @Test
    void operationTheServiceLacksArrivesAsUnknownOperationException() {
        SwfException fault = catchThrowableOfType(
                SwfException.class, () -> swf.listDomains(r -> r.registrationStatus("REGISTERED")));

        assertThat(fault.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
        assertThat(fault.awsErrorDetails().errorMessage())
                .isEqualTo("operation ListDomains is not supported by this service");
    }

    @Test
    void decisionTaskArrivesWithEveryEventAndTimestampIntact() {
        PollForDecisionTaskResponse task =
                swf.pollForDecisionTask(r -> r.domain("cpe").taskList(t -> t.name("deciders")));

        PollForDecisionTaskResponse expected = SwfSamples.decisionTask();
        assertThat(task.events()).isEqualTo(expected.events());
        // equals() of a response also compares the HTTP metadata the SDK attached; the model fields are what count.
        assertThat(task.equalsBySdkFields(expected)).isTrue();
        assertThat(task.events().get(0).eventTimestamp()).isEqualTo(SwfSamples.STARTED);
    }

    @Test
    void everyDecisionTheSdkSendsReachesTheDelegate() {
        RespondDecisionTaskCompletedRequest sent = SwfSamples.decisions();

        swf.respondDecisionTaskCompleted(sent);

        RespondDecisionTaskCompletedRequest received = FAKE.lastCompletion.get();
        assertThat(received.taskToken()).isEqualTo(sent.taskToken());
        assertThat(received.executionContext()).isEqualTo(sent.executionContext());
        assertThat(received.decisions()).isEqualTo(sent.decisions());
    }

    @Test
    void timestampTheSdkWritesIsReadBackToTheMillisecond() {
        Instant oldest = Instant.ofEpochMilli(1_699_999_999_987L);

        WorkflowExecutionInfo info = swf.listOpenWorkflowExecutions(r -> r.domain("cpe")
                        .startTimeFilter(f -> f.oldestDate(oldest))
                        .tagFilter(t -> t.tag("batch-7")))
                .executionInfos()
                .get(0);

        assertThat(info.startTimestamp()).isEqualTo(oldest);
        assertThat(info.tagList()).containsExactly("batch-7");
    }

    @Test
    void rootPathServesAsWellAsTheContextPath() {
        URI root = server.uri().resolve("/");
        try (SwfClient atRoot = client(root)) {
            assertThat(atRoot.pollForDecisionTask(r -> r.domain("cpe")).taskToken())
                    .isEqualTo("token-1");
        }
        assertThat(server.uri().getPath()).isEqualTo("/swf");
    }
}
