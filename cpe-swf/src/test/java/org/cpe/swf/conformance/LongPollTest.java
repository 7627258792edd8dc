package org.cpe.swf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.*;

/** Long polls: empty at their deadline, woken by new work, and no task handed out twice. */
class LongPollTest {

    private static SwfService service;
    private static ExecutorService threads;
    private Workflows wf;

    @BeforeAll
    static void startService() {
        service = SwfService.start();
        threads = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stopService() {
        threads.shutdownNow();
        service.close();
    }

    @BeforeEach
    void registerTypes() {
        wf = new Workflows(service.client());
    }

    @Test
    void pollOnAnEmptyListReturnsAnEmptyTaskTokenAtItsDeadline() {
        long start = System.nanoTime();
        PollForDecisionTaskResponse decision = wf.pollDecision();
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(decision.taskToken()).isEmpty();
        assertThat(decision.events()).isEmpty();
        assertThat(waited)
                .as("the poll waits out its window")
                .isBetween(SwfService.POLL_TIMEOUT.minusMillis(100), SwfService.POLL_TIMEOUT.plusSeconds(3));

        assertThat(wf.pollActivity().taskToken()).isEmpty();
    }

    @Test
    void waitingPollGetsTheTaskOfAWorkflowStartedWhileItWaits() throws Exception {
        CompletableFuture<PollForDecisionTaskResponse> poll = CompletableFuture.supplyAsync(wf::pollDecision, threads);
        // Another thread starts the workflow half a second into the poll's two-second window.
        CompletableFuture<String> runId = CompletableFuture.supplyAsync(
                () -> wf.start("woken"), CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS, threads));

        PollForDecisionTaskResponse task = poll.get(10, TimeUnit.SECONDS);
        assertThat(task.taskToken()).isNotEmpty();
        assertThat(task.workflowExecution().runId()).isEqualTo(runId.get(5, TimeUnit.SECONDS));
        assertThat(task.events())
                .extracting(HistoryEvent::eventType)
                .containsExactly(WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED);
    }

    @Test
    void waitingActivityPollGetsTheTaskScheduledWhileItWaits() throws Exception {
        String runId = wf.start("act");
        PollForDecisionTaskResponse decision = wf.decisionTask();
        CompletableFuture<PollForActivityTaskResponse> poll = CompletableFuture.supplyAsync(wf::pollActivity, threads);

        wf.decide(decision.taskToken(), Workflows.scheduleActivity(wf.activityType, "a1", "x"));

        PollForActivityTaskResponse task = poll.get(10, TimeUnit.SECONDS);
        assertThat(task.taskToken()).isNotEmpty();
        assertThat(task.activityId()).isEqualTo("a1");
        assertThat(task.workflowExecution().runId()).isEqualTo(runId);
    }

    @Test
    void concurrentPollersGetEveryTaskExactlyOnce() throws Exception {
        int n = 16;
        Map<String, AtomicInteger> handedOut = new ConcurrentHashMap<>();
        AtomicInteger received = new AtomicInteger();
        List<String> tokens = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> pollers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                pollers.add(threads.submit(() -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (received.get() < n && System.nanoTime() < deadline) {
                        PollForDecisionTaskResponse task = wf.pollDecision();
                        if (!task.taskToken().isEmpty()) {
                            handedOut
                                    .computeIfAbsent(task.workflowExecution().workflowId(), k -> new AtomicInteger())
                                    .incrementAndGet();
                            tokens.add(task.taskToken());
                            received.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            List<String> runIds = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                runIds.add(wf.start("many-" + i));
            }
            for (Future<?> poller : pollers) {
                poller.get(30, TimeUnit.SECONDS);
            }

            assertThat(received.get()).isEqualTo(n);
            assertThat(handedOut).hasSize(n);
            assertThat(handedOut.values())
                    .allSatisfy(count -> assertThat(count.get()).isOne());
            assertThat(tokens).doesNotHaveDuplicates();
            for (int i = 0; i < n; i++) {
                assertThat(wf.eventTypes("many-" + i, runIds.get(i)))
                        .containsExactly(WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED);
            }
        } finally {
            pollers.forEach(p -> p.cancel(true));
        }
    }

    @Test
    void pendingTaskCountsCountTheTasksWaitingOnAList() {
        for (int i = 0; i < 3; i++) {
            wf.start("count-" + i);
        }
        assertThat(pendingDecisions()).isEqualTo(3);

        PollForDecisionTaskResponse first = wf.decisionTask();
        assertThat(pendingDecisions()).as("a started task is no longer pending").isEqualTo(2);

        wf.decide(
                first.taskToken(),
                Workflows.scheduleActivity(wf.activityType, "a1", "x"),
                Workflows.scheduleActivity(wf.activityType, "a2", "x"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(pendingActivities()).isEqualTo(2));
        wf.activityTask();
        assertThat(pendingActivities()).isEqualTo(1);
        assertThat(service.client()
                        .countPendingActivityTasks(r -> r.domain(wf.domain).taskList(t -> t.name("nobody-polls-here")))
                        .count())
                .isZero();
    }

    private int pendingDecisions() {
        return service.client()
                .countPendingDecisionTasks(r -> r.domain(wf.domain).taskList(t -> t.name(wf.decisionList)))
                .count();
    }

    private int pendingActivities() {
        return service.client()
                .countPendingActivityTasks(r -> r.domain(wf.domain).taskList(t -> t.name(wf.activityList)))
                .count();
    }
}
