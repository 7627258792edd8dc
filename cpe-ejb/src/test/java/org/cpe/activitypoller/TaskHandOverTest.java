package org.cpe.activitypoller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cpe.activity.Activity;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.ActivityTask;
import org.cpe.activity.ActivityType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * A poller hands its task over at once: the reads of the workflow's history a task needs (its job's route, its
 * heartbeat timeout) happen on the task's own thread, so that a slow SWF history does not stop the poller from
 * taking the next task. The worker's client reaches the embedded engine through a gate that holds every history read.
 */
class TaskHandOverTest {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private WorkerHarness harness;
    private final CountDownLatch historyOpen = new CountDownLatch(1);
    private final AtomicInteger heldReads = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        harness = new WorkerHarness(dir);
        Counted.runs.set(0);
    }

    @AfterEach
    void stop() throws Exception {
        historyOpen.countDown();
        harness.close();
    }

    @ActivityType(name = "Counted", version = "1")
    static final class Counted implements Activity {
        static final AtomicInteger runs = new AtomicInteger();

        @Override
        public Object execute(ActivityTask task, ActivityContext context) {
            runs.incrementAndGet();
            return java.util.Map.of("job", task.jobId());
        }
    }

    @Test
    void thePollerTakesTheNextTaskWhileTheFirstTasksHistoryReadsAreHeld() {
        harness.startWorker(gatedHistory(harness.swf), WorkerHarness.settings(2), new Counted());

        harness.schedule("job-a", "Counted", "{}");
        harness.schedule("job-b", "Counted", "{}");

        await().atMost(WITHIN).untilAsserted(() -> assertThat(harness.count("job-a", EventType.ACTIVITY_TASK_STARTED)
                        + harness.count("job-b", EventType.ACTIVITY_TASK_STARTED))
                .as("tasks taken by the one poller while the history reads are held")
                .isEqualTo(2));
        assertThat(heldReads.get()).as("history reads waiting").isGreaterThanOrEqualTo(2);
        assertThat(Counted.runs.get())
                .as("activities started before their reads")
                .isZero();

        historyOpen.countDown();

        for (String job : List.of("job-a", "job-b")) {
            HistoryEvent end = harness.awaitTaskEnd(job, WITHIN);
            assertThat(end.eventType()).isEqualTo(EventType.ACTIVITY_TASK_COMPLETED);
            assertThat(end.activityTaskCompletedEventAttributes().result())
                    .as("the jobId from the workflow's tag")
                    .isEqualTo("{\"job\":\"" + job + "\"}");
        }
        // One job's messages only: reading the queue hides the other job's for the visibility timeout.
        assertThat(harness.messages("job-a", 2))
                .extracting(m -> m.get("type").asText())
                .as("the client, known from the workflow's start, hears of the task in order")
                .containsExactly("ACTIVITY_STARTED", "ACTIVITY_COMPLETED");
    }

    /** {@code target}, with each history read held until {@link #historyOpen} opens (or the test gives up). */
    private SwfClient gatedHistory(SwfClient target) {
        return (SwfClient) Proxy.newProxyInstance(
                SwfClient.class.getClassLoader(), new Class<?>[] {SwfClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getWorkflowExecutionHistory")) {
                        heldReads.incrementAndGet();
                        historyOpen.await(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
