package org.cpe.activitypoller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cpe.activity.Activity;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;
import org.cpe.activity.ActivityTask;
import org.cpe.activity.ActivityType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * The ActivityWorker against the embedded SWF engine and ElasticMQ: outcomes and their reasons, client messages,
 * cancellation, heartbeat time-outs, slots and the graceful stop.
 */
class ActivityWorkerTest {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private WorkerHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new WorkerHarness(dir);
        Blocking.reset();
    }

    @AfterEach
    void stop() throws Exception {
        Blocking.release.countDown();
        harness.close();
    }

    @ActivityType(name = "Echo", version = "1")
    static final class Echo implements Activity {
        @Override
        public Object execute(ActivityTask task, ActivityContext context) throws Exception {
            JsonNode input = task.input();
            if (input.has("fail")) {
                throw new ActivityException(input.get("fail").asText(), "asked to fail");
            }
            if (input.has("crash")) {
                throw new IllegalStateException(
                        input.get("crash").asText().repeat(input.path("repeat").asInt(1)));
            }
            if (input.has("big")) {
                return "x".repeat(input.get("big").asInt());
            }
            for (int i = 1; i <= input.path("steps").asInt(0); i++) {
                context.progress(i * 100 / input.get("steps").asInt());
            }
            Greeting greeting = task.input(Greeting.class);
            return java.util.Map.of("echo", greeting.say == null ? "" : greeting.say, "job", task.jobId());
        }
    }

    /** A typed view of Echo's input. */
    public static final class Greeting {
        public String say;
    }

    /** Blocks until released or interrupted; counts how many run at once. */
    @ActivityType(name = "Blocking", version = "1")
    static final class Blocking implements Activity {
        static CountDownLatch release;
        static final AtomicInteger now = new AtomicInteger();
        static final AtomicInteger most = new AtomicInteger();
        static final AtomicInteger started = new AtomicInteger();
        static final AtomicBoolean interrupted = new AtomicBoolean();

        static void reset() {
            release = new CountDownLatch(1);
            now.set(0);
            most.set(0);
            started.set(0);
            interrupted.set(false);
        }

        @Override
        public Object execute(ActivityTask task, ActivityContext context) throws Exception {
            started.incrementAndGet();
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                boolean ignoreInterrupts = task.input().path("stubborn").asBoolean();
                while (true) {
                    try {
                        if (release.await(100, TimeUnit.MILLISECONDS)) {
                            return "released";
                        }
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        if (!ignoreInterrupts) {
                            throw e;
                        }
                    }
                }
            } finally {
                now.decrementAndGet();
            }
        }
    }

    /** Like Blocking, but a stuck activity: manual heartbeats and no sign of life. */
    @ActivityType(name = "Stuck", version = "1", heartbeats = ActivityType.Heartbeats.MANUAL)
    static final class Stuck implements Activity {
        private final Blocking blocking = new Blocking();

        @Override
        public Object execute(ActivityTask task, ActivityContext context) throws Exception {
            return blocking.execute(task, context);
        }
    }

    /** Reports progress once, then hangs without a sign of life. */
    @ActivityType(name = "Stalling", version = "1", heartbeats = ActivityType.Heartbeats.MANUAL)
    static final class Stalling implements Activity {
        private final Blocking blocking = new Blocking();

        @Override
        public Object execute(ActivityTask task, ActivityContext context) throws Exception {
            context.progress(42);
            return blocking.execute(task, context);
        }
    }

    @Test
    void heartbeatsCarryTheLatestProgressWhichSwfKeepsWhenTheTaskTimesOut() {
        harness.startWorker(WorkerHarness.settings(4), new Stalling());

        harness.schedule("job-hb", "Stalling", "Stalling-1", "{}", "1");

        HistoryEvent end = harness.awaitTaskEnd("job-hb", WITHIN);
        assertThat(end.eventType()).isEqualTo(EventType.ACTIVITY_TASK_TIMED_OUT);
        assertThat(end.activityTaskTimedOutEventAttributes().details()).isEqualTo("{\"progress\":42}");
    }

    @Test
    void aReturnedValueCompletesTheTaskAndTheClientHearsStartAndResult() throws Exception {
        harness.startWorker(WorkerHarness.settings(4), new Echo());

        harness.schedule("job-1", "Echo", "{\"say\": \"hello\"}");

        HistoryEvent end = harness.awaitTaskEnd("job-1", WITHIN);
        assertThat(end.eventType()).isEqualTo(EventType.ACTIVITY_TASK_COMPLETED);
        JsonNode result = TaskReply.JSON.readTree(
                end.activityTaskCompletedEventAttributes().result());
        assertThat(result.get("echo").asText()).isEqualTo("hello");
        assertThat(result.get("job").asText())
                .as("the jobId from the workflow's tag")
                .isEqualTo("job-1");
        List<JsonNode> messages = harness.messages("job-1", 2);
        assertThat(messages)
                .extracting(m -> m.get("type").asText())
                .containsExactly("ACTIVITY_STARTED", "ACTIVITY_COMPLETED");
        JsonNode activity = messages.get(0).get("data").get("activity");
        assertThat(activity.get("activityId").asText()).isEqualTo("step-job-1");
        assertThat(activity.get("activityType").get("name").asText()).isEqualTo("Echo");
        assertThat(activity.get("activityType").get("version").asText()).isEqualTo("1");
        assertThat(activity.get("input").get("say").asText()).isEqualTo("hello");
        assertThat(messages.get(1).get("data").get("activity").get("result")).isEqualTo(result);
        assertThat(messages.get(1).get("data").get("workflow").get("workflowId").asText())
                .isEqualTo("job-1");
    }

    @Test
    void progressReportsAreFoldedToOnePerIntervalAndTheLatestIsSent() {
        harness.startWorker(WorkerHarness.settings(4), new Echo());

        harness.schedule("job-p", "Echo", "{\"say\": \"p\", \"steps\": 50}");

        assertThat(harness.awaitTaskEnd("job-p", WITHIN).eventType()).isEqualTo(EventType.ACTIVITY_TASK_COMPLETED);
        List<JsonNode> messages = harness.messages("job-p", 4);
        // A standard queue does not keep the order of messages sent within the same millisecond: compared as sets.
        assertThat(messages)
                .extracting(m -> m.get("type").asText())
                .containsExactlyInAnyOrder(
                        "ACTIVITY_STARTED", "ACTIVITY_PROGRESS", "ACTIVITY_PROGRESS", "ACTIVITY_COMPLETED");
        assertThat(messages)
                .filteredOn(m -> m.get("type").asText().equals("ACTIVITY_PROGRESS"))
                .extracting(m -> m.at("/data/activity/result/progress").asInt())
                .as("the first report at once, then only the latest of the interval")
                .containsExactlyInAnyOrder(2, 100);
    }

    @Test
    void anActivityExceptionFailsTheTaskWithItsReasonAndDetails() {
        harness.startWorker(WorkerHarness.settings(4), new Echo());

        harness.schedule("job-2", "Echo", "{\"fail\": \"SOURCE_MISSING\"}");

        HistoryEvent end = harness.awaitTaskEnd("job-2", WITHIN);
        assertThat(end.eventType()).isEqualTo(EventType.ACTIVITY_TASK_FAILED);
        assertThat(end.activityTaskFailedEventAttributes().reason()).isEqualTo("SOURCE_MISSING");
        assertThat(end.activityTaskFailedEventAttributes().details()).isEqualTo("asked to fail");
        JsonNode failed = harness.messages("job-2", 2).get(1);
        assertThat(failed.get("type").asText()).isEqualTo("ACTIVITY_FAILED");
        assertThat(failed.at("/data/activity/result/reason").asText()).isEqualTo("SOURCE_MISSING");
        assertThat(failed.at("/data/activity/result/details").asText()).isEqualTo("asked to fail");
    }

    @Test
    void anyOtherExceptionFailsWithActivityFailedAndAStackTraceCutToSwfsLimit() {
        harness.startWorker(WorkerHarness.settings(4), new Echo());

        harness.schedule("job-3", "Echo", "{\"crash\": \"boom \", \"repeat\": 8000}");

        HistoryEvent end = harness.awaitTaskEnd("job-3", WITHIN);
        assertThat(end.eventType()).isEqualTo(EventType.ACTIVITY_TASK_FAILED);
        assertThat(end.activityTaskFailedEventAttributes().reason()).isEqualTo(ActivityReasons.ACTIVITY_FAILED);
        String details = end.activityTaskFailedEventAttributes().details();
        assertThat(details).startsWith("java.lang.IllegalStateException: boom").contains("…[cut ");
        assertThat(details.length()).isLessThanOrEqualTo(32_768);
    }

    @Test
    void aResultLongerThanSwfAllowsIsCutWithAMarkerNotRejected() {
        harness.startWorker(WorkerHarness.settings(4), new Echo());

        harness.schedule("job-4", "Echo", "{\"big\": 40000}");

        HistoryEvent end = harness.awaitTaskEnd("job-4", WITHIN);
        assertThat(end.eventType()).isEqualTo(EventType.ACTIVITY_TASK_COMPLETED);
        String result = end.activityTaskCompletedEventAttributes().result();
        assertThat(result.length()).isLessThanOrEqualTo(32_768);
        assertThat(result).startsWith("\"xxxx").endsWith("characters]");
    }

    @Test
    void aTaskWithoutInputFailsWithNoInputAndOneThatIsNotJsonWithInputInvalid() {
        harness.startWorker(WorkerHarness.settings(4), new Echo());

        harness.schedule("job-5", "Echo", null);
        harness.schedule("job-6", "Echo", "{not json");

        HistoryEvent none = harness.awaitTaskEnd("job-5", WITHIN);
        HistoryEvent bad = harness.awaitTaskEnd("job-6", WITHIN);
        assertThat(none.activityTaskFailedEventAttributes().reason()).isEqualTo(ActivityReasons.NO_INPUT);
        assertThat(bad.activityTaskFailedEventAttributes().reason()).isEqualTo(ActivityReasons.INPUT_INVALID);
        assertThat(bad.activityTaskFailedEventAttributes().details()).contains("not JSON");
    }

    @Test
    void inputThatDoesNotFitTheTypedViewFailsWithInputInvalid() {
        harness.startWorker(WorkerHarness.settings(4), new Echo());

        harness.schedule("job-7", "Echo", "{\"say\": {\"nested\": true}}");

        HistoryEvent end = harness.awaitTaskEnd("job-7", WITHIN);
        assertThat(end.activityTaskFailedEventAttributes().reason()).isEqualTo(ActivityReasons.INPUT_INVALID);
        assertThat(end.activityTaskFailedEventAttributes().details()).contains("Greeting");
    }

    @Test
    void unknownActivityTypeFailsTaskListingRegisteredTypes() {
        harness.startWorker(WorkerHarness.settings(4), new Echo(), new Blocking());
        harness.swf.registerActivityType(
                r -> r.domain(WorkerHarness.DOMAIN).name("Missing").version("1"));

        harness.schedule("job-8", "Missing", "Echo-1", "{}", "60");

        HistoryEvent end = harness.awaitTaskEnd("job-8", WITHIN);
        assertThat(end.activityTaskFailedEventAttributes().reason()).isEqualTo(ActivityReasons.UNKNOWN_ACTIVITY_TYPE);
        assertThat(end.activityTaskFailedEventAttributes().details())
                .contains("Missing 1")
                .contains("Blocking 1, Echo 1");
    }

    @Test
    void aCancelRequestReachesTheActivityThroughAHeartbeatAndTheTaskIsCanceled() {
        harness.startWorker(WorkerHarness.settings(4), new Blocking());
        harness.schedule("job-9", "Blocking", "Blocking-1", "{}", "3");
        await().atMost(WITHIN).until(() -> Blocking.started.get() == 1);

        harness.requestCancel("job-9");

        HistoryEvent end = harness.awaitTaskEnd("job-9", WITHIN);
        assertThat(end.eventType()).isEqualTo(EventType.ACTIVITY_TASK_CANCELED);
        assertThat(Blocking.interrupted).isTrue();
        assertThat(harness.messages("job-9", 2))
                .extracting(m -> m.get("type").asText())
                .containsExactly("ACTIVITY_STARTED", "ACTIVITY_CANCELED");
    }

    @Test
    void automaticHeartbeatsKeepALongTaskAliveBeyondItsHeartbeatTimeout() {
        harness.startWorker(WorkerHarness.settings(4), new Blocking());
        harness.schedule("job-10", "Blocking", "Blocking-1", "{}", "1");
        await().atMost(WITHIN).until(() -> Blocking.started.get() == 1);

        // No heartbeat time-out during 2.5 timeouts' time, checked all along.
        await().during(Duration.ofMillis(2_500)).atMost(WITHIN).until(() -> harness.taskEnd("job-10") == null);
        Blocking.release.countDown();

        assertThat(harness.awaitTaskEnd("job-10", WITHIN).eventType()).isEqualTo(EventType.ACTIVITY_TASK_COMPLETED);
    }

    @Test
    void aStuckActivityWithManualHeartbeatsTimesOutAndTheWorkerStopsIt() {
        harness.startWorker(WorkerHarness.settings(4), new Stuck());

        harness.schedule("job-11", "Stuck", "Stuck-1", "{}", "1");

        HistoryEvent end = harness.awaitTaskEnd("job-11", WITHIN);
        assertThat(end.eventType()).isEqualTo(EventType.ACTIVITY_TASK_TIMED_OUT);
        assertThat(end.activityTaskTimedOutEventAttributes().timeoutTypeAsString())
                .isEqualTo("HEARTBEAT");
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(Blocking.interrupted).isTrue());
        await().atMost(WITHIN).until(() -> harness.worker().runningTasks() == 0);
    }

    @Test
    void noMoreTasksRunAtOnceThanTheTypeHasSlotsAndTheRestWaitUnstarted() {
        harness.startWorker(WorkerHarness.settings(2), new Blocking());
        for (int i = 0; i < 5; i++) {
            harness.schedule("job-c" + i, "Blocking", "{}");
        }
        await().atMost(WITHIN).until(() -> Blocking.started.get() == 2);

        await().during(Duration.ofMillis(1_000)).atMost(WITHIN).until(() -> Blocking.started.get() == 2);
        long startedInSwf = 0;
        for (int i = 0; i < 5; i++) {
            startedInSwf += harness.count("job-c" + i, EventType.ACTIVITY_TASK_STARTED);
        }
        assertThat(startedInSwf).as("tasks handed out by SWF").isEqualTo(2);
        Blocking.release.countDown();

        for (int i = 0; i < 5; i++) {
            assertThat(harness.awaitTaskEnd("job-c" + i, WITHIN).eventType())
                    .isEqualTo(EventType.ACTIVITY_TASK_COMPLETED);
        }
        assertThat(Blocking.most.get()).isEqualTo(2);
    }

    @Test
    void aStoppingWorkerFailsWhatStillRunsAfterTheGraceTimeWithWorkerShutdown() throws Exception {
        harness.startWorker(WorkerHarness.settings(4), new Blocking(), new Echo());
        harness.schedule("job-12", "Blocking", "Blocking-1", "{\"stubborn\": true}", "60");
        await().atMost(WITHIN).until(() -> Blocking.started.get() == 1);

        long before = System.nanoTime();
        harness.worker().shutdown(Duration.ofMillis(300));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);

        HistoryEvent end = harness.awaitTaskEnd("job-12", Duration.ofSeconds(2));
        assertThat(end.eventType()).isEqualTo(EventType.ACTIVITY_TASK_FAILED);
        assertThat(end.activityTaskFailedEventAttributes().reason()).isEqualTo(ActivityReasons.WORKER_SHUTDOWN);
        assertThat(tookMillis)
                .as("the stop waited its grace time, not for the task")
                .isLessThan(5_000);
        assertThat(Blocking.interrupted).isTrue();
        assertThat(harness.messages("job-12", 2)
                        .get(1)
                        .at("/data/activity/result/reason")
                        .asText())
                .isEqualTo(ActivityReasons.WORKER_SHUTDOWN);
    }

    @Test
    void aTaskThatEndsWithinTheGraceTimeOfAStopCompletesNormally() throws Exception {
        harness.startWorker(WorkerHarness.settings(4), new Blocking());
        harness.schedule("job-13", "Blocking", "{}");
        await().atMost(WITHIN).until(() -> Blocking.started.get() == 1);
        Thread releaser = new Thread(() -> {
            await().pollDelay(Duration.ofMillis(200)).atMost(WITHIN).until(() -> true);
            Blocking.release.countDown();
        });
        releaser.start();

        harness.worker().shutdown(Duration.ofSeconds(10));

        assertThat(harness.awaitTaskEnd("job-13", WITHIN).eventType()).isEqualTo(EventType.ACTIVITY_TASK_COMPLETED);
        assertThat(Blocking.interrupted).isFalse();
        releaser.join();
    }
}
