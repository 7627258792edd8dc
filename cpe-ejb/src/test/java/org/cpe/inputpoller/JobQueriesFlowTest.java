package org.cpe.inputpoller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.cpe.activity.Activity;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityTask;
import org.cpe.activity.ActivityType;
import org.cpe.activitypoller.ActivityCatalog;
import org.cpe.activitypoller.ActivityWorker;
import org.cpe.activitypoller.ProgressBoard;
import org.cpe.client.ClientDefinition;
import org.cpe.config.ActivityPollerSettings;
import org.cpe.config.DeciderSettings;
import org.cpe.decider.runtime.DeciderRuntime;
import org.cpe.decider.runtime.TestLoops;
import org.cpe.loop.PollCycle;
import org.cpe.loop.StopSignal;
import org.cpe.notices.Outbox;
import org.cpe.testing.ClientContract;
import org.cpe.testing.EmbeddedServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * The query and cancel commands on real jobs: the Decider's loop, an ActivityWorker running a gated test activity
 * that reports progress, and each client's InputCycle, all through the real SqsClient against ElasticMQ and the
 * embedded SWF engine.
 */
class JobQueriesFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClientDefinition DEMO = ClientDefinition.withDefaultQueues("demo");
    private static final ClientDefinition OTHER = ClientDefinition.withDefaultQueues("other");

    private static final String PLAN =
            """
            name: steps
            version: "1"
            activities:
              - name: Gate
                version: "1"
                outputs_spec:
                  said: "$.said"
            steps:
              - name: prepare
                activity: Gate
                input: |
                  {"step": "prepare", "say": {{__input__.say}}}
              - name: work
                activity: Gate
                requires: [[prepare, succeeded]]
                input: |
                  {"step": "work", "say": {{prepare.said}}}
              - name: publish
                activity: Gate
                requires: [work]
                input: |
                  {"step": "publish", "say": "done"}
            """;

    /** Reports 40 %, then waits until the test opens its gate ({@code <jobId>/<step>}) or the task is canceled. */
    @ActivityType(name = "Gate", version = "1")
    static final class Gate implements Activity {

        final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

        CountDownLatch gate(String jobId, String step) {
            return gates.computeIfAbsent(jobId + "/" + step, k -> new CountDownLatch(1));
        }

        @Override
        public Object execute(ActivityTask task, ActivityContext context) throws Exception {
            String step = task.input().path("step").asText();
            if (task.input().path("say").asText().equals("boom")) {
                throw new ActivityException("BOOM", "asked to fail in " + step);
            }
            context.progress(40);
            gate(task.jobId(), step).await();
            return Map.of("said", task.input().path("say").asText());
        }
    }

    @TempDir
    Path dir;

    private EmbeddedServices services;
    private SwfClient swf;
    private SqsClient sqs;
    private ActivityWorker worker;
    private final TestLoops loops = new TestLoops();
    private final StopSignal stop = new StopSignal();
    private final ProgressBoard board = new ProgressBoard();
    private final Gate gate = new Gate();
    private InputCycle demo;
    private InputCycle other;
    /** The demo client's loop on a server with no workers: it knows progress only from the workflow's history. */
    private InputCycle elsewhere;

    @BeforeEach
    void start() throws Exception {
        services = EmbeddedServices.start(dir, "dlq", List.of(DEMO, OTHER), Duration.ofMillis(500));
        swf = services.swf;
        sqs = services.sqs;
        Path plans = Files.createDirectories(dir.resolve("plans"));
        Files.writeString(plans.resolve("steps.yml"), PLAN);
        DeciderSettings settings = new DeciderSettings(
                "cpe", "cpe-decisions", Optional.of(plans), 1, Duration.ofMillis(200), Duration.ofMinutes(5));
        DeciderRuntime runtime =
                new DeciderRuntime(swf, sqs, settings, DeciderRuntime.loadPlans(settings), List.of(DEMO, OTHER));
        assertThat(runtime.plans().problems()).isEmpty();
        PollCycle decisions = runtime.cycle();
        loops.start("decider", () -> decisions.pollOnce(stop));
        List<PollCycle> senders = runtime.noticeSenders();
        for (int i = 0; i < senders.size(); i++) {
            PollCycle sender = senders.get(i);
            loops.start("notices-" + i, () -> sender.pollOnce(stop));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !swf.listWorkflowTypes(r -> r.domain("cpe").registrationStatus("REGISTERED"))
                        .typeInfos()
                        .isEmpty());
        ActivityType type = Gate.class.getAnnotation(ActivityType.class);
        worker = new ActivityWorker(
                swf,
                sqs,
                "cpe",
                new ActivityPollerSettings(List.of(), 8, 1, Duration.ofSeconds(1), Duration.ofMillis(100)),
                List.of(DEMO, OTHER),
                List.of(new ActivityWorker.TypePlan(
                        new ActivityCatalog.Implementation(type, gate, Gate.class),
                        new ActivityPollerSettings.TypeSettings("Gate-1", 8, 1))),
                Executors.defaultThreadFactory(),
                board,
                Outbox.DEFAULT_LANES);
        worker.loops().forEach(l -> loops.start(l.name(), () -> l.cycle().pollOnce(stop)));
        demo = new InputCycle(sqs, swf, "cpe", DEMO, "dlq", runtime.plans(), board);
        other = new InputCycle(sqs, swf, "cpe", OTHER, "dlq", runtime.plans(), board);
        elsewhere = new InputCycle(sqs, swf, "cpe", DEMO, "dlq", runtime.plans(), new ProgressBoard());
    }

    @AfterEach
    void stop() throws Exception {
        stop.trigger();
        worker.shutdown(Duration.ofSeconds(1));
        loops.stop(5_000);
        services.close();
    }

    @Test
    void statusAndActivityQueriesShowTheStepsTheirProgressAndTheResult() throws Exception {
        ask(DEMO, demo, startJob("j1", "hi"), "WORKFLOW_SCHEDULED");
        gate.gate("j1", "prepare").countDown();

        JsonNode running = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> ask(DEMO, demo, command("GET_JOB_STATUS", "j1", "{}"), "JOB_STATUS"),
                        s -> s.at("/data/job/steps/1/progress/percent").asInt() == 40);
        JsonNode job = running.path("data").path("job");
        assertThat(running.path("jobId").asText()).isEqualTo("j1");
        assertThat(running.at("/data/workflow/workflowId").asText()).isEqualTo("demo.j1");
        assertThat(job.path("status").asText()).isEqualTo("OPEN");
        assertThat(job.path("steps"))
                .extracting(s ->
                        s.path("activityId").asText() + " " + s.path("status").asText())
                .containsExactly("prepare SUCCEEDED", "work RUNNING", "publish PENDING");
        assertThat(job.at("/progress/percent").asInt())
                .as("one of three ended, one at 40 %")
                .isEqualTo(46);
        assertThat(job.at("/progress/stepsEnded").asInt()).isEqualTo(1);

        JsonNode remote = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> ask(DEMO, elsewhere, command("GET_JOB_STATUS", "j1", "{}"), "JOB_STATUS"),
                        s -> s.at("/data/job/steps/1/progress/percent").asInt() == 40);
        assertThat(remote.at("/data/job/progress/percent").asInt())
                .as("a server without the worker reads the progress it signaled to the workflow")
                .isEqualTo(46);

        JsonNode list = ask(DEMO, demo, command("GET_ACTIVITY_LIST", "j1", "{}"), "ACTIVITY_LIST");
        assertThat(list.at("/data/activities")).hasSize(3);
        assertThat(list.at("/data/activities/0/outputs")).isEqualTo(JSON.readTree("{\"said\": \"hi\"}"));
        assertThat(list.at("/data/activities/0/attempts").asInt()).isEqualTo(1);

        JsonNode work = ask(
                DEMO,
                demo,
                command("GET_ACTIVITY_STATUS", "j1", "{\"activity\": {\"activityId\": \"work\"}}"),
                "ACTIVITY_STATUS");
        assertThat(work.at("/data/activity/status").asText()).isEqualTo("RUNNING");
        assertThat(work.at("/data/activity/input")).isEqualTo(JSON.readTree("{\"step\": \"work\", \"say\": \"hi\"}"));
        assertThat(work.at("/data/activity/progress/type").asText()).isEqualTo("ACTIVITY_PROGRESS");
        assertThat(work.at("/data/activity/startedAt").isNumber()).isTrue();

        gate.gate("j1", "work").countDown();
        gate.gate("j1", "publish").countDown();
        JsonNode done = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> ask(DEMO, demo, command("GET_JOB_STATUS", "j1", "{}"), "JOB_STATUS"),
                        s -> s.at("/data/job/status").asText().equals("COMPLETED"));
        assertThat(done.at("/data/job/progress/percent").asInt()).isEqualTo(100);
        assertThat(done.at("/data/job/result")).isEqualTo(JSON.readTree("{\"publish\": {\"said\": \"done\"}}"));
        assertThat(done.at("/data/job/closeTime").isNumber()).isTrue();
        assertThat(board.size()).as("ended tasks leave the progress board").isZero();
    }

    @Test
    void theStatusOfAFailedJobGivesTheReasonAndTheStep() throws Exception {
        ask(DEMO, demo, startJob("j3", "boom"), "WORKFLOW_SCHEDULED");

        JsonNode failed = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> ask(DEMO, demo, command("GET_JOB_STATUS", "j3", "{}"), "JOB_STATUS"),
                        s -> !s.at("/data/job/status").asText().equals("OPEN"));

        JsonNode job = failed.path("data").path("job");
        assertThat(job.path("status").asText()).isEqualTo("FAILED");
        assertThat(job.at("/failure/reason").asText()).isEqualTo("BOOM");
        assertThat(job.at("/failure/step").asText()).isEqualTo("prepare");
        assertThat(job.at("/failure/details").asText()).isEqualTo("asked to fail in prepare");
        assertThat(job.at("/steps/0/status").asText()).isEqualTo("FAILED");
        assertThat(job.at("/steps/1/status").asText()).isEqualTo("SKIPPED");
        assertThat(job.has("result")).isFalse();
    }

    @Test
    void cancelActivityCancelsThatStepAloneAndTheJobGoesOn() throws Exception {
        ask(DEMO, demo, startJob("j2", "hi"), "WORKFLOW_SCHEDULED");
        gate.gate("j2", "prepare").countDown();
        awaitStep("j2", 1, "RUNNING");

        JsonNode done = ask(DEMO, demo, cancelActivity("j2", "prepare"), "COMMAND_REJECTED");
        assertThat(done.at("/data/reason").asText()).isEqualTo("ACTIVITY_NOT_RUNNING");
        JsonNode unknown = ask(DEMO, demo, cancelActivity("j2", "nope"), "COMMAND_REJECTED");
        assertThat(unknown.at("/data/reason").asText()).isEqualTo("NO_SUCH_ACTIVITY");
        assertThat(unknown.at("/data/message").asText()).contains("prepare, work, publish");
        JsonNode foreign = ask(OTHER, other, cancelActivity("j2", "work"), "COMMAND_REJECTED");
        assertThat(foreign.at("/data/reason").asText()).isEqualTo("NO_OPEN_JOB");

        JsonNode requested = ask(DEMO, demo, cancelActivity("j2", "work"), "ACTIVITY_CANCEL_REQUESTED");
        assertThat(requested.at("/data/activity/activityId").asText()).isEqualTo("work");
        awaitStep("j2", 1, "CANCELED");
        gate.gate("j2", "publish").countDown();

        JsonNode closed = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> ask(DEMO, demo, command("GET_JOB_STATUS", "j2", "{}"), "JOB_STATUS"),
                        s -> !s.at("/data/job/status").asText().equals("OPEN"));
        assertThat(closed.at("/data/job/status").asText()).isEqualTo("COMPLETED");
        assertThat(closed.at("/data/job/steps"))
                .extracting(s -> s.path("status").asText())
                .containsExactly("SUCCEEDED", "CANCELED", "SUCCEEDED");
    }

    @Test
    void jobListShowsOnlyTheClientsJobsFilteredAndPaged() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        for (String jobId : List.of("a", "b", "c", "d", "e")) {
            ask(DEMO, demo, startJob(jobId, jobId), "WORKFLOW_SCHEDULED");
        }
        ask(OTHER, other, startJob("x", "x"), "WORKFLOW_SCHEDULED");
        for (String jobId : List.of("d", "e")) {
            swf.terminateWorkflowExecution(
                    r -> r.domain("cpe").workflowId("demo." + jobId).reason("test"));
        }

        List<String> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String data =
                    token == null ? "{\"pageSize\": 2}" : "{\"pageSize\": 2, \"nextPageToken\": \"" + token + "\"}";
            JsonNode page = ask(DEMO, demo, command("GET_JOB_LIST", "list-" + pages, data), "JOB_LIST");
            assertThat(page.path("jobId").asText()).isEqualTo("list-" + pages);
            assertThat(page.at("/data/jobs").size()).isLessThanOrEqualTo(2);
            page.at("/data/jobs")
                    .forEach(j -> all.add(
                            j.path("jobId").asText() + " " + j.path("status").asText()));
            token = page.at("/data/nextPageToken").isTextual()
                    ? page.at("/data/nextPageToken").asText()
                    : null;
            pages++;
        } while (token != null && pages < 10);
        assertThat(all).containsExactlyInAnyOrder("a OPEN", "b OPEN", "c OPEN", "d TERMINATED", "e TERMINATED");

        assertThat(jobIds("{\"status\": \"OPEN\"}")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(jobIds("{\"status\": \"terminated\"}")).containsExactlyInAnyOrder("d", "e");
        assertThat(jobIds("{\"status\": \"CLOSED\"}")).containsExactlyInAnyOrder("d", "e");
        assertThat(jobIds("{\"status\": \"COMPLETED\"}")).isEmpty();
        assertThat(jobIds("{\"workflow\": {\"name\": \"steps\", \"version\": \"1\"}}"))
                .hasSize(5);
        assertThat(jobIds("{\"workflow\": {\"name\": \"other\"}}")).isEmpty();
        assertThat(jobIds("{\"startedAfter\": " + before.getEpochSecond() + "}"))
                .hasSize(5);
        assertThat(jobIds("{\"startedAfter\": \"" + Instant.now().plusSeconds(60) + "\"}"))
                .isEmpty();
        assertThat(jobIds("{\"startedBefore\": \"" + before + "\"}")).isEmpty();
        assertThat(jobIds("{}", OTHER, other)).containsExactly("x");

        JsonNode bad = ask(DEMO, demo, command("GET_JOB_LIST", "bad", "{\"status\": \"BOGUS\"}"), "COMMAND_REJECTED");
        assertThat(bad.at("/data/reason").asText()).isEqualTo("INVALID_FILTER");
        JsonNode badToken =
                ask(DEMO, demo, command("GET_JOB_LIST", "bad2", "{\"nextPageToken\": \"%%%\"}"), "COMMAND_REJECTED");
        assertThat(badToken.at("/data/reason").asText()).isEqualTo("INVALID_PAGE_TOKEN");
        assertThat(deadLetterReasons(2)).containsExactlyInAnyOrder("INVALID_FILTER", "INVALID_PAGE_TOKEN");
    }

    @Test
    void aClientCannotSeeAnotherClientsJob() throws Exception {
        ask(DEMO, demo, startJob("mine", "hi"), "WORKFLOW_SCHEDULED");

        for (String type : List.of("GET_JOB_STATUS", "GET_ACTIVITY_LIST")) {
            JsonNode reply = ask(OTHER, other, command(type, "mine", "{}"), "COMMAND_REJECTED");
            assertThat(reply.at("/data/reason").asText()).isEqualTo("NO_SUCH_JOB");
            assertThat(reply.at("/data/command").asText()).isEqualTo(type);
        }
        JsonNode missing = ask(DEMO, demo, command("GET_ACTIVITY_STATUS", "mine", "{}"), "COMMAND_REJECTED");
        assertThat(missing.at("/data/reason").asText()).isEqualTo("MISSING_FIELD");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private void awaitStep(String jobId, int index, String status) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> ask(DEMO, demo, command("GET_JOB_STATUS", jobId, "{}"), "JOB_STATUS"), s -> s.at(
                                "/data/job/steps/" + index + "/status")
                        .asText()
                        .equals(status));
    }

    private List<String> jobIds(String filter) throws Exception {
        return jobIds(filter, DEMO, demo);
    }

    /** The jobIds of every page of the listing with {@code filter} (a JSON object). */
    private List<String> jobIds(String filter, ClientDefinition client, InputCycle cycle) throws Exception {
        List<String> ids = new ArrayList<>();
        String token = null;
        for (int pages = 0; pages < 10; pages++) {
            String data = token == null
                    ? filter
                    : filter.replaceFirst("\\{", "{\"nextPageToken\": \"" + token + "\", ")
                            .replace(", }", "}");
            JsonNode page = ask(client, cycle, command("GET_JOB_LIST", null, data), "JOB_LIST");
            page.at("/data/jobs").forEach(j -> ids.add(j.path("jobId").asText()));
            JsonNode next = page.at("/data/nextPageToken");
            if (!next.isTextual()) {
                return ids;
            }
            token = next.asText();
        }
        throw new AssertionError("more than 10 pages for " + filter);
    }

    private static String startJob(String jobId, String say) {
        return command(
                "START_JOB",
                jobId,
                "{\"workflow\": {\"name\": \"steps\", \"version\": \"1\"}, \"say\": \"" + say + "\"}");
    }

    private static String cancelActivity(String jobId, String activityId) {
        return command("CANCEL_ACTIVITY", jobId, "{\"activity\": {\"activityId\": \"" + activityId + "\"}}");
    }

    private static String command(String type, String jobId, String data) {
        return "{\"time\": 1437447258.98, \"type\": \"" + type + "\", "
                + (jobId == null ? "" : "\"jobId\": \"" + jobId + "\", ") + "\"data\": " + data + "}";
    }

    /**
     * Sends the command on the client's input queue, runs the client's input turns until it is answered, and returns
     * the answer, which must be of {@code type}. Other messages on the output queue (the job's own) are skipped.
     */
    private JsonNode ask(ClientDefinition client, InputCycle cycle, String body, String type) throws Exception {
        String in = url(client.inputQueue());
        String out = url(client.outputQueue());
        String jobId = JSON.readTree(body).path("jobId").asText(null);
        String commandType = JSON.readTree(body).path("type").asText();
        sqs.sendMessage(r -> r.queueUrl(in).messageBody(body));
        List<JsonNode> answers = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            cycle.pollOnce(stop);
            for (Message m : sqs.receiveMessage(
                            r -> r.queueUrl(out).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages()) {
                sqs.deleteMessage(r -> r.queueUrl(out).receiptHandle(m.receiptHandle()));
                ClientContract.requireKnown(m.body());
                JsonNode reply = JSON.readTree(m.body());
                if (isAnswer(reply, commandType)
                        && (jobId == null || jobId.equals(reply.path("jobId").asText(null)))) {
                    answers.add(reply);
                }
            }
            return !answers.isEmpty();
        });
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).path("type").asText())
                .as(answers.get(0).toString())
                .isEqualTo(type);
        return answers.get(0);
    }

    private static boolean isAnswer(JsonNode reply, String commandType) {
        String type = reply.path("type").asText();
        return switch (type) {
            case "COMMAND_REJECTED", "JOB_START_FAILED" -> commandType.equals(
                    reply.at("/data/command").asText());
            case "WORKFLOW_SCHEDULED" -> commandType.equals("START_JOB");
            case "JOB_STATUS" -> commandType.equals("GET_JOB_STATUS");
            case "JOB_LIST" -> commandType.equals("GET_JOB_LIST");
            case "ACTIVITY_LIST" -> commandType.equals("GET_ACTIVITY_LIST");
            case "ACTIVITY_STATUS" -> commandType.equals("GET_ACTIVITY_STATUS");
            case "ACTIVITY_CANCEL_REQUESTED" -> commandType.equals("CANCEL_ACTIVITY");
            default -> false;
        };
    }

    private List<String> deadLetterReasons(int count) {
        String url = url("dlq");
        List<String> reasons = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageAttributeNames("All"))
                    .messages()) {
                reasons.add(m.messageAttributes().get("cpe-reason").stringValue());
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
            return reasons.size() >= count;
        });
        return reasons;
    }

    private String url(String queue) {
        return services.url(queue);
    }
}
