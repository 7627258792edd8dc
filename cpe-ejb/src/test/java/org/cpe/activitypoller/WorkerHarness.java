package org.cpe.activitypoller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.cpe.activity.Activity;
import org.cpe.activity.ActivityType;
import org.cpe.aws.AwsClientFactory;
import org.cpe.client.ClientDefinition;
import org.cpe.config.ActivityPollerSettings;
import org.cpe.config.AwsSettings;
import org.cpe.config.EmbeddedSqsSettings;
import org.cpe.decider.runtime.TestLoops;
import org.cpe.embedded.sqs.EmbeddedQueues;
import org.cpe.embedded.sqs.EmbeddedSqsServer;
import org.cpe.loop.LoopSpec;
import org.cpe.loop.StopSignal;
import org.cpe.swf.client.EmbeddedSwfClient;
import org.cpe.swf.engine.EngineOptions;
import org.cpe.swf.engine.SwfEngine;
import org.cpe.swf.store.JdbcSwfStore;
import org.cpe.testing.ClientContract;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;

/**
 * The real parts an ActivityWorker test needs: the embedded SWF engine on H2, ElasticMQ with the demo client's queues,
 * and the test itself standing in for the Decider (it starts a workflow per task and schedules the activity).
 */
final class WorkerHarness implements AutoCloseable {

    static final String DOMAIN = "cpe";
    static final String DECISIONS = "test-decisions";
    static final ClientDefinition DEMO = ClientDefinition.withDefaultQueues("demo");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsSettings AWS = new AwsSettings("us-east-1", "cpe-local", "cpe-local");

    final SwfClient swf;
    final SqsClient sqs;
    private final JdbcSwfStore store;
    private final SwfEngine engine;
    private final EmbeddedSqsServer sqsServer;
    private final TestLoops loops = new TestLoops();
    private final StopSignal stop = new StopSignal();
    private final Map<String, String> runIds = new java.util.concurrent.ConcurrentHashMap<>();
    private ActivityWorker worker;

    WorkerHarness(Path dir) throws Exception {
        store = JdbcSwfStore.open("jdbc:h2:file:" + dir.resolve("swf/swf"), null, null);
        engine = SwfEngine.start(store, EngineOptions.defaults().withPollTimeout(Duration.ofMillis(500)));
        swf = new EmbeddedSwfClient(engine);
        sqsServer = EmbeddedSqsServer.start(
                new EmbeddedSqsSettings("127.0.0.1", 0, false, 5), dir, new EmbeddedQueues("dlq", List.of(DEMO), 5));
        sqs = AwsClientFactory.sqs(sqsServer.endpoint(), AWS);
        swf.registerDomain(r -> r.name(DOMAIN).workflowExecutionRetentionPeriodInDays("1"));
        swf.registerWorkflowType(r -> r.domain(DOMAIN)
                .name("test")
                .version("1")
                .defaultTaskList(t -> t.name(DECISIONS))
                .defaultExecutionStartToCloseTimeout("600")
                .defaultTaskStartToCloseTimeout("30")
                .defaultChildPolicy("TERMINATE"));
    }

    static ActivityPollerSettings settings(int slots) {
        return new ActivityPollerSettings(List.of(), slots, 1, Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    /** Starts a worker for {@code activities}, each on its {@code <name>-<version>} task list with {@code slots}. */
    ActivityWorker startWorker(ActivityPollerSettings settings, Activity... activities) {
        return startWorker(swf, settings, activities);
    }

    /** As the other {@code startWorker}, with the worker talking to SWF through {@code client}. */
    ActivityWorker startWorker(SwfClient client, ActivityPollerSettings settings, Activity... activities) {
        List<ActivityWorker.TypePlan> plans = new ArrayList<>();
        for (Activity activity : activities) {
            ActivityType type = activity.getClass().getAnnotation(ActivityType.class);
            plans.add(new ActivityWorker.TypePlan(
                    new ActivityCatalog.Implementation(type, activity, activity.getClass()),
                    new ActivityPollerSettings.TypeSettings(
                            type.name() + "-" + type.version(), settings.slots(), settings.pollers())));
        }
        worker = new ActivityWorker(
                client, sqs, DOMAIN, settings, List.of(DEMO), plans, Executors.defaultThreadFactory());
        for (LoopSpec loop : worker.loops()) {
            loops.start(loop.name(), () -> loop.cycle().pollOnce(stop));
        }
        return worker;
    }

    /** Starts job {@code jobId} and schedules one task of the type with {@code input} and a heartbeat timeout. */
    String schedule(String jobId, String name, String taskList, String input, String heartbeatTimeout) {
        String runId = swf.startWorkflowExecution(r -> r.domain(DOMAIN)
                        .workflowId(jobId)
                        .workflowType(t -> t.name("test").version("1"))
                        .tagList("cpe-job:" + jobId, "cpe-client:demo"))
                .runId();
        runIds.put(jobId, runId);
        PollForDecisionTaskResponse task = decisionTask(jobId);
        Decision schedule = Decision.builder()
                .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                .scheduleActivityTaskDecisionAttributes(a -> a.activityId("step-" + jobId)
                        .activityType(t -> t.name(name).version("1"))
                        .taskList(t -> t.name(taskList))
                        .input(input)
                        .heartbeatTimeout(heartbeatTimeout)
                        .scheduleToStartTimeout("600")
                        .scheduleToCloseTimeout("600")
                        .startToCloseTimeout("600"))
                .build();
        swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(schedule));
        return runId;
    }

    String schedule(String jobId, String name, String input) {
        return schedule(jobId, name, name + "-1", input, "60");
    }

    /** Asks SWF to cancel the job's activity, through a signal that gives the stand-in Decider a task. */
    void requestCancel(String jobId) {
        swf.signalWorkflowExecution(r -> r.domain(DOMAIN).workflowId(jobId).signalName("cancel"));
        PollForDecisionTaskResponse task = decisionTask(jobId);
        Decision cancel = Decision.builder()
                .decisionType(DecisionType.REQUEST_CANCEL_ACTIVITY_TASK)
                .requestCancelActivityTaskDecisionAttributes(a -> a.activityId("step-" + jobId))
                .build();
        swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(cancel));
    }

    /** The next decision task of the job; those of other jobs (their activities ended) are answered with nothing. */
    private PollForDecisionTaskResponse decisionTask(String jobId) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> {
                            PollForDecisionTaskResponse task = swf.pollForDecisionTask(
                                    r -> r.domain(DOMAIN).taskList(t -> t.name(DECISIONS)));
                            if (task.taskToken() == null || task.taskToken().isEmpty()) {
                                return null;
                            }
                            if (!task.workflowExecution().workflowId().equals(jobId)) {
                                swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()));
                                return null;
                            }
                            return task;
                        },
                        t -> t != null);
    }

    /** The event that ended the job's activity task, once there is one. */
    HistoryEvent awaitTaskEnd(String jobId, Duration within) {
        return await().atMost(within).until(() -> taskEnd(jobId), e -> e != null);
    }

    HistoryEvent taskEnd(String jobId) {
        return history(jobId).stream()
                .filter(e -> switch (e.eventType()) {
                    case ACTIVITY_TASK_COMPLETED,
                            ACTIVITY_TASK_FAILED,
                            ACTIVITY_TASK_CANCELED,
                            ACTIVITY_TASK_TIMED_OUT -> true;
                    default -> false;
                })
                .findFirst()
                .orElse(null);
    }

    long count(String jobId, EventType type) {
        return history(jobId).stream().filter(e -> e.eventType() == type).count();
    }

    List<HistoryEvent> history(String jobId) {
        return swf.getWorkflowExecutionHistory(
                        r -> r.domain(DOMAIN).execution(e -> e.workflowId(jobId).runId(runIds.get(jobId))))
                .events();
    }

    /** Reads the demo client's output queue until {@code count} messages of the job arrived. */
    List<JsonNode> messages(String jobId, int count) {
        String url = sqs.getQueueUrl(r -> r.queueName(DEMO.outputQueue())).queueUrl();
        List<JsonNode> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (Message m : sqs.receiveMessage(
                            r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                JsonNode message = JSON.readTree(m.body());
                if (message.path("jobId").asText().equals(jobId)) {
                    ClientContract.requireKnown(m.body());
                    received.add(message);
                    sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
                }
            }
            return received.size() >= count;
        });
        assertThat(received).hasSize(count);
        return received;
    }

    ActivityWorker worker() {
        return worker;
    }

    @Override
    public void close() throws Exception {
        stop.trigger();
        if (worker != null) {
            worker.shutdown(Duration.ofSeconds(1));
        }
        loops.stop(5_000);
        sqs.close();
        sqsServer.close();
        engine.close();
        store.close();
    }
}
