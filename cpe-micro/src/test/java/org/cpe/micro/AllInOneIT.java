package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.ActivityType;
import software.amazon.awssdk.services.swf.model.CloseStatus;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/** The all-in-one WAR on Payara Micro with its default roles: every role runs, and the embedded SQS serves. */
@ExtendWith(ArquillianExtension.class)
class AllInOneIT {

    private static final List<String> ROLES =
            List.of("input-poller", "decider", "activity-poller", "embedded-sqs", "embedded-swf", "embedded-s3");

    @Inject
    SqsClient sqs;

    @Inject
    SwfClient swf;

    @Deployment
    static WebArchive deployment() {
        return Deployments.withTestLibraries(
                        Deployments.allInOne("all-in-one", Map.of("cpe.embedded-swf.poll-timeout-seconds", "2")))
                .addClass(FailingResource.class);
    }

    @Test
    @RunAsClient
    void becomesReadyWithEveryRoleRunning(@ArquillianResource URL base) throws Exception {
        URI ready = base.toURI().resolve("/health/ready");

        Http.Response response = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Http.get(ready), r -> r.status() == 200);

        assertThat(response.body()).contains("\"status\":\"UP\"");
        ROLES.forEach(role -> assertThat(response.body()).contains(Http.roleState(role, "RUNNING")));
        assertThat(Http.get(base.toURI().resolve("/health/live")).status()).isEqualTo(200);
        assertThat(Http.get(base.toURI().resolve("/health/started")).status()).isEqualTo(200);
    }

    @Test
    @RunAsClient
    void apiListsTheRolesWithTheEmbeddedSqsEndpoint(@ArquillianResource URL base) throws Exception {
        Http.Response roles = Http.get(base.toURI().resolve("api/roles"));

        assertThat(roles.status()).isEqualTo(200);
        assertThat(roles.body()).contains("\"name\":\"embedded-sqs\"", "\"endpoint\":\"http://127.0.0.1:");
        assertThat(roles.body()).contains("cpe-dead-letter, demo-input, demo-output");
    }

    @Test
    @RunAsClient
    void apiErrorsAreJsonWithTheirStatusAndNeverAStackTrace(@ArquillianResource URL base) throws Exception {
        Http.Response missing = Http.get(base.toURI().resolve("api/no-such-thing"));
        Http.Response wrongMethod = Http.call("DELETE", base.toURI().resolve("api/plans"));
        Http.Response failure = Http.get(base.toURI().resolve("api/test-failure"));

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("\"error\":\"NOT_FOUND\"", "/api/no-such-thing");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.body()).contains("\"error\":\"METHOD_NOT_ALLOWED\"");
        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.body())
                .contains("\"error\":\"INTERNAL_ERROR\"", "incident")
                .doesNotContain(FailingResource.SECRET, "Exception", "at org.");
    }

    /**
     * Runs inside the server: the application's own SqsClient round-trips a message through the embedded SQS (on a
     * queue of its own, since the InputPoller reads the clients' input queues).
     */
    @Test
    void applicationSqsClientRoundTripsThroughTheEmbeddedSqs() {
        String queue = sqs.createQueue(b -> b.queueName("it-round-trip")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"type\":\"START_JOB\",\"jobId\":\"round-trip\"}"));

        List<Message> received =
                sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5)).messages();
        assertEquals(1, received.size());
        assertEquals(
                "{\"type\":\"START_JOB\",\"jobId\":\"round-trip\"}",
                received.get(0).body());
        sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(received.get(0).receiptHandle()));

        assertEquals(
                0,
                sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1))
                        .messages()
                        .size());
    }

    /** Runs inside the server: the application's SwfClient is the embedded engine's, and runs a whole workflow. */
    @Test
    void applicationSwfClientRunsAWorkflowOnTheEmbeddedService() {
        String domain = "in-process-" + System.nanoTime();
        WorkflowType type = WorkflowType.builder().name("wf").version("1").build();
        ActivityType activity = ActivityType.builder().name("act").version("1").build();
        swf.registerDomain(b -> b.name(domain).workflowExecutionRetentionPeriodInDays("1"));
        swf.registerWorkflowType(b -> b.domain(domain)
                .name("wf")
                .version("1")
                .defaultTaskList(t -> t.name("d"))
                .defaultExecutionStartToCloseTimeout("60")
                .defaultTaskStartToCloseTimeout("10")
                .defaultChildPolicy("TERMINATE"));
        swf.registerActivityType(b -> b.domain(domain)
                .name("act")
                .version("1")
                .defaultTaskList(t -> t.name("a"))
                .defaultTaskScheduleToStartTimeout("60")
                .defaultTaskScheduleToCloseTimeout("60")
                .defaultTaskStartToCloseTimeout("60")
                .defaultTaskHeartbeatTimeout("NONE"));
        String runId = swf.startWorkflowExecution(
                        b -> b.domain(domain).workflowId("job").workflowType(type))
                .runId();

        PollForDecisionTaskResponse first =
                swf.pollForDecisionTask(b -> b.domain(domain).taskList(t -> t.name("d")));
        swf.respondDecisionTaskCompleted(
                b -> b.taskToken(first.taskToken()).decisions(d -> d.decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                        .scheduleActivityTaskDecisionAttributes(
                                a -> a.activityType(activity).activityId("a1").input("x"))));
        PollForActivityTaskResponse task =
                swf.pollForActivityTask(b -> b.domain(domain).taskList(t -> t.name("a")));
        assertEquals("x", task.input());
        swf.respondActivityTaskCompleted(b -> b.taskToken(task.taskToken()).result("y"));
        PollForDecisionTaskResponse second =
                swf.pollForDecisionTask(b -> b.domain(domain).taskList(t -> t.name("d")));
        swf.respondDecisionTaskCompleted(b -> b.taskToken(second.taskToken())
                .decisions(d -> d.decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
                        .completeWorkflowExecutionDecisionAttributes(a -> a.result("y"))));

        assertEquals(
                CloseStatus.COMPLETED,
                swf.describeWorkflowExecution(b -> b.domain(domain)
                                .execution(e -> e.workflowId("job").runId(runId)))
                        .executionInfo()
                        .closeStatus());
    }

    /** From outside: the unchanged SDK over HTTP at /swf reaches the same service, faults included. */
    @Test
    @RunAsClient
    void swfEndpointServesTheSdkOverHttp(@ArquillianResource URL base) throws Exception {
        try (SwfClient remote = SwfClient.builder()
                .endpointOverride(base.toURI().resolve("swf"))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("cpe-local", "cpe-local")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(70))
                        .build())
                .build()) {
            String domain = "over-http-" + System.nanoTime();
            remote.registerDomain(b -> b.name(domain).workflowExecutionRetentionPeriodInDays("1"));

            assertThat(remote.listDomains(b -> b.registrationStatus(RegistrationStatus.REGISTERED))
                            .domainInfos())
                    .anyMatch(d -> d.name().equals(domain));
            assertThat(remote.pollForDecisionTask(b -> b.domain(domain).taskList(t -> t.name("empty")))
                            .taskToken())
                    .as("a poll with nothing to do returns an empty token at the poll timeout")
                    .isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> remote.describeDomain(b -> b.name("no-such-domain")))
                    .isInstanceOf(UnknownResourceException.class)
                    .hasMessageContaining("no-such-domain");
        }
        // A request signed with a secret the server does not accept is refused as AWS refuses it.
        try (SwfClient forged = SwfClient.builder()
                .endpointOverride(base.toURI().resolve("swf"))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("cpe-local", "guessed")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> forged.listDomains(b -> b.registrationStatus(RegistrationStatus.REGISTERED)))
                    .isInstanceOfSatisfying(
                            software.amazon.awssdk.services.swf.model.SwfException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
        }
    }

    /** From outside: the plan check answers a verdict with the step graph, or each problem; the loaded plans list. */
    @Test
    @RunAsClient
    void planCheckAnswersTheVerdictAndTheStepGraph(@ArquillianResource URL base) throws Exception {
        URI validate = base.toURI().resolve("api/plans/validate?source=mine.yml");
        String plan = "name: mine\nversion: \"1\"\nactivities: [{name: A, version: \"1\"}]\n"
                + "steps: [{name: X, activity: A}, {name: Y, activity: A, requires: [X]}]\n";

        Http.Response valid = Http.post(validate, plan);
        Http.Response invalid = Http.post(validate, plan.replace("requires: [X]", "requires: [Z]"));
        Http.Response empty = Http.post(validate, "  ");

        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.body()).contains("\"valid\":true", "\"stages\":[[\"X\"],[\"Y\"]]", "\"taskList\":\"A-1\"");
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body())
                .contains("\"valid\":false", "\"source\":\"mine.yml\"", "requires unknown step 'Z'")
                .doesNotContain("\"stages\"");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("\"error\":\"NO_PLAN\"");
        Http.Response plans = Http.get(base.toURI().resolve("api/plans"));
        assertThat(plans.status()).isEqualTo(200);
        assertThat(plans.body()).contains("\"deciderEnabled\":true", "\"name\":\"cpe-checksum\"");
    }

    /**
     * Runs inside the server: the Decider role runs the packaged checksum plan; the test stands in for its worker and
     * reads the job's messages on its client's output queue.
     */
    @Test
    void theDeciderAndTheBuiltInChecksumActivityRunAPackagedPlanAndTellTheJobsClient() {
        String jobId = "it-checksum-" + System.nanoTime();
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> swf.describeWorkflowType(b -> b.domain("cpe").workflowType(t -> t.name("cpe-checksum")
                                        .version("1")))
                                .typeInfo()
                                .status()
                        == RegistrationStatus.REGISTERED);
        swf.startWorkflowExecution(b -> b.domain("cpe")
                .workflowId(jobId)
                .workflowType(t -> t.name("cpe-checksum").version("1"))
                .tagList("cpe-job:" + jobId, "cpe-client:demo")
                .input("{\"text\": \"hello\"}"));

        List<String> bodies = demoMessagesOf(jobId, "WORKFLOW_");
        assertThat(bodies).anySatisfy(b -> assertThat(b).contains("\"ACTIVITY_SCHEDULED\""));
        assertThat(bodies).anySatisfy(b -> assertThat(b).contains("\"ACTIVITY_STARTED\"", "\"Checksum\""));
        assertThat(bodies).anySatisfy(b -> assertThat(b).contains("\"ACTIVITY_COMPLETED\""));
        String sha256OfHello = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
        assertThat(bodies)
                .filteredOn(b -> b.contains("WORKFLOW_"))
                .singleElement()
                .satisfies(b ->
                        assertThat(b).contains("\"WORKFLOW_COMPLETED\"", "\"jobId\":\"" + jobId + "\"", sha256OfHello));
    }

    @Test
    void theActivityPollerReportsTheBuiltInActivitiesItRuns(@ArquillianResource URL base) throws Exception {
        String roles = Http.get(base.toURI().resolve("api/roles")).body();

        assertThat(roles).contains("Checksum 1 on Checksum-1", "Thumbnail 1 on Thumbnail-1", "Test 1 on Test-1");
    }

    @Test
    void aStartJobOnTheClientsInputQueueRunsToCompletionWithItsJobIdOnEveryMessage() {
        String jobId = "it-sqs-" + System.nanoTime();
        startChecksumJob(jobId);

        List<String> bodies = demoMessagesOf(jobId, "WORKFLOW_COMPLETED", "WORKFLOW_SCHEDULED");
        assertThat(bodies).allSatisfy(b -> assertThat(b).contains("\"jobId\":\"" + jobId + "\""));
        // From two roles through a standard queue: WORKFLOW_SCHEDULED may come after the Decider's first notice.
        assertThat(bodies).anySatisfy(b -> assertThat(b)
                .contains("\"WORKFLOW_SCHEDULED\"", "\"workflowId\":\"demo." + jobId + "\""));
        assertThat(bodies).anySatisfy(b -> assertThat(b).contains("\"ACTIVITY_COMPLETED\""));
    }

    @Test
    void aCompletedJobsStatusShowsItsStepsAndResultThroughTheInputQueue() {
        String jobId = "it-status-" + System.nanoTime();
        startChecksumJob(jobId);
        demoMessagesOf(jobId, "WORKFLOW_COMPLETED");

        sendToDemo("{\"type\": \"GET_JOB_STATUS\", \"jobId\": \"" + jobId + "\", \"data\": {}}");

        String status = demoMessagesOf(jobId, "JOB_STATUS").stream()
                .filter(b -> b.contains("\"JOB_STATUS\""))
                .findFirst()
                .orElseThrow();
        // The InputPoller role loaded the packaged plan: the steps are shown, each ended.
        assertThat(status).contains("\"status\":\"COMPLETED\"", "\"percent\":100", "\"steps\":[{\"activityId\"");
        assertThat(status).contains("\"status\":\"SUCCEEDED\"").doesNotContain("\"stepsUnknown\"");
    }

    /**
     * A job cannot make the server act on its own SQS: a checksum of the embedded SQS's CreateQueue URL fails with
     * the reason and the queue is never made (before, the job completed and the queue existed).
     */
    @Test
    void aJobsUrlCannotReachTheServersOwnServices() {
        URI sqsEndpoint = URI.create(
                        sqs.getQueueUrl(b -> b.queueName("demo-input")).queueUrl())
                .resolve("/");
        String jobId = "it-ssrf-" + System.nanoTime();
        String url = sqsEndpoint + "?Action=CreateQueue&QueueName=ssrf-proof-" + jobId.hashCode();
        sendToDemo("{\"type\": \"START_JOB\", \"jobId\": \"" + jobId + "\", \"data\": {\"workflow\": {\"name\":"
                + " \"cpe-checksum\", \"version\": \"1\"}, \"url\": \"" + url + "\"}}");

        String failed = demoMessagesOf(jobId, "WORKFLOW_FAILED").stream()
                .filter(b -> b.contains("\"WORKFLOW_FAILED\""))
                .findFirst()
                .orElseThrow();

        assertThat(failed).contains("ADDRESS_NOT_ALLOWED", "loopback");
        assertThat(sqs.listQueues(b -> b.queueNamePrefix("ssrf-proof")).queueUrls())
                .isEmpty();
    }

    /** Sends a START_JOB of the packaged cpe-checksum plan, in the original envelope, as the demo client. */
    private void startChecksumJob(String jobId) {
        sendToDemo(
                "{\"time\": 1437447258.98, \"type\": \"START_JOB\", \"jobId\": \"" + jobId
                        + "\", \"data\": {\"workflow\": {\"name\": \"cpe-checksum\", \"version\": \"1\"}, \"text\": \"hello\"}}");
    }

    /** Sends a command to the demo client's input queue. */
    private void sendToDemo(String command) {
        String input = sqs.getQueueUrl(b -> b.queueName("demo-input")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(input).messageBody(command));
    }

    /** The job's messages on demo-output, read (and every message deleted) until one contains each of {@code until}. */
    private List<String> demoMessagesOf(String jobId, String... until) {
        String output = sqs.getQueueUrl(b -> b.queueName("demo-output")).queueUrl();
        List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (Message m : sqs.receiveMessage(
                            b -> b.queueUrl(output).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                if (m.body().contains(jobId)) {
                    bodies.add(m.body());
                }
                sqs.deleteMessage(b -> b.queueUrl(output).receiptHandle(m.receiptHandle()));
            }
            return java.util.Arrays.stream(until).allMatch(u -> bodies.stream().anyMatch(b -> b.contains(u)));
        });
        return bodies;
    }
}
