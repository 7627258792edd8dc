package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cpe.cli.Cpe;
import org.cpe.client.ClientDefinition;
import org.cpe.client.CommandRejectedException;
import org.cpe.client.CpeClient;
import org.cpe.client.Job;
import org.cpe.client.JobQuery;
import org.cpe.client.cdi.CpeMessageListener;
import org.cpe.client.message.ActivityProgress;
import org.cpe.client.message.ActivityStarted;
import org.cpe.client.message.CpeMessage;
import org.cpe.client.message.JobCancelRequested;
import org.cpe.client.message.JobState;
import org.cpe.client.message.WorkflowCanceled;
import org.cpe.client.message.WorkflowCompleted;
import org.cpe.client.message.WorkflowScheduled;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The client library, the {@code cpe} command line and a CDI client application against the running stack on Payara
 * Micro: the test JVM is a client application ({@code demo}) talking to the stack's embedded SQS; inside the server a
 * CDI application ({@code cdi}) gets its messages as events.
 */
@ExtendWith(ArquillianExtension.class)
class ClientIT {

    /** The embedded SQS's port, chosen when the deployment is made, in the test JVM. */
    private static int sqsPort;

    @Inject
    CpeClient cdiClient;

    @Inject
    ClientObserver observer;

    @Inject
    CpeMessageListener listener;

    @Inject
    SqsClient serverSqs;

    @TempDir
    Path dir;

    @Deployment
    static WebArchive deployment() throws IOException {
        sqsPort = freePort();
        String endpoint = "http://127.0.0.1:" + sqsPort;
        JavaArchive cli =
                ShrinkWrap.create(JavaArchive.class, "cpe-cli-classes.jar").addPackage(Cpe.class.getPackage());
        return Deployments.withTestLibraries(Deployments.allInOne(
                        "client",
                        Map.of(
                                "cpe.embedded-sqs.port", Integer.toString(sqsPort),
                                "cpe.clients", "demo,cdi",
                                "cpe.embedded-swf.poll-timeout-seconds", "2",
                                "cpe.client.name", "cdi",
                                "cpe.client.endpoint", endpoint,
                                "cpe.client.listener.wait-seconds", "1")))
                .addClasses(ClientObserver.class)
                // The command-line test classes travel with the test class, though only the test JVM runs them.
                .addAsLibrary(cli)
                .addAsLibraries(Deployments.jarOf(picocli.CommandLine.class));
    }

    // ---- The library, in plain Java (the test JVM is the client application "demo").

    @Test
    @RunAsClient
    void libraryStartsAJobIdempotentlyAndFollowsItToItsResult() {
        try (CpeClient client = demo()) {
            String jobId = client.startJob(demoJob(1).withJobId("lib-" + System.nanoTime()));
            List<CpeMessage> seen = new ArrayList<>();

            CpeMessage end = client.follow(jobId, Duration.ofSeconds(60), seen::add);

            assertThat(end).isInstanceOfSatisfying(WorkflowCompleted.class, done -> assertThat(
                            done.result().path("checksum").path("checksum").asText())
                    .hasSize(64));
            assertThat(seen).anySatisfy(m -> assertThat(m).isInstanceOf(WorkflowScheduled.class));
            assertThat(seen)
                    .filteredOn(ActivityProgress.class::isInstance)
                    .extracting(m -> ((ActivityProgress) m).activityId())
                    .contains("prepare", "left", "right");

            // The same jobId again starts nothing: it is answered with the first run.
            client.startJob(demoJob(1).withJobId(jobId));
            CpeMessage again =
                    client.follow(jobId, WorkflowScheduled.class::isInstance, Duration.ofSeconds(30), m -> {});
            assertThat(((WorkflowScheduled) again).alreadyStarted()).isTrue();
            assertThat(again.runId()).isEqualTo(end.runId());
        }
    }

    @Test
    @RunAsClient
    void libraryGetsStatusListsAndCancelsAJob() {
        try (CpeClient client = demo()) {
            String jobId = client.startJob(demoJob(60));
            client.follow(jobId, ActivityStarted.class::isInstance, Duration.ofSeconds(30), m -> {});

            JobState running = client.jobStatus(jobId).job();
            assertThat(running.status()).isEqualTo("OPEN");
            assertThat(running.steps())
                    .extracting(s -> s.activityId())
                    .containsExactly("prepare", "left", "right", "checksum");
            assertThat(client.listJobs(JobQuery.all().withStatus("OPEN")).jobs())
                    .extracting(j -> j.jobId())
                    .contains(jobId);

            assertThat(client.cancelJob(jobId)).isInstanceOf(JobCancelRequested.class);
            assertThat(client.follow(jobId, Duration.ofSeconds(30), m -> {})).isInstanceOf(WorkflowCanceled.class);
            assertThat(client.jobStatus(jobId).job().status()).isEqualTo("CANCELED");
            assertThatThrownBy(() -> client.cancelJob(jobId))
                    .isInstanceOfSatisfying(CommandRejectedException.class, e -> assertThat(e.reason())
                            .isEqualTo("NO_OPEN_JOB"));
        }
    }

    @Test
    @RunAsClient
    void aJobInTheOriginalClientSdksExactJsonRunsUnchanged() {
        String jobId = "954e8de9dfa0d44d1e2f21eda6881e74" + Long.toHexString(System.nanoTime());
        try (CpeClient client = demo();
                SqsClient raw = Sqs.client("http://127.0.0.1:" + sqsPort)) {
            String input = raw.getQueueUrl(b -> b.queueName("demo-input")).queueUrl();
            String output = raw.getQueueUrl(b -> b.queueName("demo-output")).queueUrl();
            // As SA\CpeClientSdk::start_job built it: microtime, the client injected into the data, the original's
            // taskList and domain (which CPE ignores).
            raw.sendMessage(b -> b.queueUrl(input)
                    .messageBody("{\"time\":1437447258.9809,\"type\":\"START_JOB\",\"jobId\":\"" + jobId + "\","
                            + "\"data\":{\"workflow\":{\"name\":\"cpe-checksum\",\"version\":\"1\","
                            + "\"taskList\":\"basic_transcode\",\"domain\":\"SADomain\"},"
                            + "\"client\":{\"name\":\"demo\",\"queues\":{\"input\":\"" + input + "\",\"output\":\""
                            + output + "\"}},\"text\":\"hello\"}}"));

            CpeMessage end = client.follow(jobId, Duration.ofSeconds(60), m -> {});

            assertThat(end).isInstanceOfSatisfying(WorkflowCompleted.class, done -> assertThat(
                            done.result().path("checksum").path("checksum").asText())
                    .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"));
        }
    }

    // ---- The command line, run in the test JVM as `bin/cpe` runs it.

    @Test
    @RunAsClient
    void cliSubmitWaitFollowsTheJobToItsResult() throws IOException {
        Result result = cpe("submit", jobFile(1, null).toString(), "--wait");

        assertThat(result.status()).as(result.toString()).isZero();
        assertThat(result.out()).contains("WORKFLOW_SCHEDULED", "ACTIVITY_PROGRESS", "left", "right", "COMPLETED ");
        assertThat(result.out()).contains("\"checksum\"");
    }

    @Test
    @RunAsClient
    void cliSubmitWaitOfAFailingJobExitsOneWithTheReason() throws IOException {
        Result result = cpe("submit", jobFile(1, "DEMO_FAILURE").toString(), "--wait");

        assertThat(result.status()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("FAILED ", "DEMO_FAILURE", "(step left)");
    }

    @Test
    @RunAsClient
    void cliSubmitOfAnUnknownPlanExitsThreeWithTheReason() throws IOException {
        Path job = Files.writeString(
                dir.resolve("unknown.json"), "{\"workflow\": {\"name\": \"no-such-plan\", \"version\": \"1\"}}");

        Result result = cpe("submit", job.toString(), "--wait");

        assertThat(result.status()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("REFUSED", "UNKNOWN_WORKFLOW_TYPE");
    }

    @Test
    @RunAsClient
    void cliShowsStatusListsCancelsAndWatchesAJob() throws IOException {
        Result submitted = cpe("submit", jobFile(60, null).toString());
        assertThat(submitted.status()).as(submitted.toString()).isZero();
        String jobId = submitted.out().trim();

        Result status = cpe("status", jobId);
        // The client as the original's definition file names it.
        Path definition = Files.writeString(
                dir.resolve("client.json"),
                "{\"name\": \"demo\", \"queues\": {\"input\": \"demo-input\", \"output\": \"demo-output\"}}");
        Result list = cpe("--client", definition.toString(), "list", "--status", "OPEN");
        Result cancel = cpe("cancel", jobId);
        Result watch = cpe("watch", "--job", jobId, "--timeout", "60");
        Result again = cpe("cancel", jobId);
        Result closed = cpe("status", jobId, "--json");

        assertThat(status.status()).as(status.toString()).isZero();
        assertThat(status.out()).contains("job       " + jobId, "status    OPEN", "prepare", "checksum");
        assertThat(list.out()).contains(jobId + "\tOPEN\tcpe-demo:1");
        assertThat(cancel.out()).startsWith("JOB_CANCEL_REQUESTED " + jobId);
        assertThat(watch.status()).as("canceled: not completed").isEqualTo(1);
        assertThat(watch.out()).contains("WORKFLOW_CANCELED " + jobId);
        assertThat(again.status()).isEqualTo(3);
        assertThat(again.err()).contains("NO_OPEN_JOB");
        assertThat(closed.out()).contains("\"status\":\"CANCELED\"");
    }

    // ---- A CDI application inside the server (client "cdi"): messages as events.

    @Test
    void cdiObserversGetTheJobsMessagesAsTypedEvents() {
        assertThat(listener.listening()).isTrue();

        String jobId = cdiClient.startJob(demoJob(1));

        await().atMost(Duration.ofSeconds(60)).until(() -> observer.completion(jobId) != null);
        assertThat(observer.completion(jobId)
                        .result()
                        .path("checksum")
                        .path("algorithm")
                        .asText())
                .isEqualTo("SHA-256");
        assertThat(observer.messages(jobId))
                .hasAtLeastOneElementOfType(WorkflowScheduled.class)
                .hasAtLeastOneElementOfType(ActivityProgress.class)
                .hasAtLeastOneElementOfType(WorkflowCompleted.class);
    }

    @Test
    void cdiMessageIsAcknowledgedOnlyAfterItsObserversReturned() {
        String queue = serverSqs.getQueueUrl(b -> b.queueName("cdi-output")).queueUrl();
        String jobId = "held-" + System.nanoTime();
        observer.hold(jobId);

        cdiClient.startJob(demoJob(1).withJobId(jobId));
        String receipt = await().atMost(Duration.ofSeconds(60)).until(() -> observer.held(jobId), r -> r != null);

        // While the observer runs the message is still in the queue: its receipt handle is valid.
        serverSqs.changeMessageVisibility(
                b -> b.queueUrl(queue).receiptHandle(receipt).visibilityTimeout(60));
        observer.release(jobId);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThatThrownBy(() -> serverSqs.changeMessageVisibility(
                                b -> b.queueUrl(queue).receiptHandle(receipt).visibilityTimeout(60)))
                        .isInstanceOf(SqsException.class));
    }

    @Test
    void cdiMessageWhoseObserverFailedComesBack() {
        String queue = serverSqs.getQueueUrl(b -> b.queueName("cdi-output")).queueUrl();
        serverSqs.setQueueAttributes(
                b -> b.queueUrl(queue).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "2")));
        String jobId = "fails-once-" + System.nanoTime();
        observer.failOnce(jobId, "WORKFLOW_SCHEDULED");

        cdiClient.startJob(demoJob(1).withJobId(jobId));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> observer.messages(jobId).stream()
                                .filter(WorkflowScheduled.class::isInstance)
                                .count()
                        == 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> observer.completion(jobId) != null);
    }

    private static Job demoJob(int seconds) {
        return Job.of("cpe-demo", "1").with("seconds", seconds).with("text", "client test");
    }

    private Path jobFile(int seconds, String failReason) throws IOException {
        String fail = failReason == null
                ? ""
                : ", \"fail\": {\"reason\": \"" + failReason + "\", \"details\": \"asked to fail\"}";
        return Files.writeString(
                Files.createTempFile(dir, "job", ".json"),
                "{\"workflow\": {\"name\": \"cpe-demo\", \"version\": \"1\"}, \"seconds\": " + seconds
                        + ", \"text\": \"cli test\"" + fail + "}");
    }

    private static CpeClient demo() {
        return CpeClient.builder()
                .client(ClientDefinition.withDefaultQueues("demo"))
                .endpoint("http://127.0.0.1:" + sqsPort)
                .build();
    }

    private record Result(int status, String out, String err) {}

    private static Result cpe(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> line = new ArrayList<>(List.of("--endpoint", "http://127.0.0.1:" + sqsPort));
        line.addAll(List.of(args));
        int status = Cpe.run(line.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), false);
        return new Result(status, out.toString(), err.toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
