package org.cpe.activitypoller;

import static org.cpe.bench.BenchFigures.loadAverage;
import static org.cpe.bench.BenchFigures.percentile;
import static org.cpe.bench.BenchFigures.sorted;
import static org.cpe.bench.BenchFigures.spread;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.cpe.activity.Activity;
import org.cpe.activity.ActivityContext;
import org.cpe.activity.ActivityTask;
import org.cpe.activity.ActivityType;
import org.cpe.aws.AwsClientFactory;
import org.cpe.config.ActivityPollerSettings;
import org.cpe.config.AwsSettings;
import org.cpe.config.EmbeddedSqsSettings;
import org.cpe.decider.runtime.TestLoops;
import org.cpe.embedded.sqs.EmbeddedQueues;
import org.cpe.embedded.sqs.EmbeddedSqsServer;
import org.cpe.loop.StopSignal;
import org.cpe.swf.client.EmbeddedSwfClient;
import org.cpe.swf.engine.EngineOptions;
import org.cpe.swf.engine.SwfEngine;
import org.cpe.swf.store.JdbcSwfStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.RecordActivityTaskHeartbeatRequest;
import software.amazon.awssdk.services.swf.model.RespondActivityTaskCompletedRequest;

/**
 * Measures the ActivityPoller against the embedded SWF engine (H2) and ElasticMQ, with a stand-in Decider that
 * schedules one activity per workflow: its own time per task (poll returned → handler called, handler returned →
 * answer done), and 1,000 long tasks running at once on automatic heartbeats. Not a test: run it with
 * {@code ./mvnw -B -pl cpe-ejb test -Pbenchmark -Dtest=ActivityPollerBenchmark}; results in
 * {@code target/benchmarks/activity-poller.md}.
 */
@Tag("benchmark")
class ActivityPollerBenchmark {

    private static final int RUNS = Integer.getInteger("benchmark.runs", 3);
    private static final int TASKS = Integer.getInteger("benchmark.tasks", 3000);
    private static final int WARMUP_TASKS = Integer.getInteger("benchmark.warmup-tasks", 3000);
    private static final int INFLIGHT = Integer.getInteger("benchmark.inflight", 4);
    private static final int CONCURRENT = Integer.getInteger("benchmark.concurrent", 1000);
    private static final int SLEEP_SECONDS = Integer.getInteger("benchmark.sleep-seconds", 30);
    private static final int HEARTBEAT_TIMEOUT = Integer.getInteger("benchmark.heartbeat-timeout", 5);

    @TempDir
    Path dir;

    private final Map<String, Long> polledAt = new ConcurrentHashMap<>();
    private final Map<String, String> workflowOfToken = new ConcurrentHashMap<>();
    private final Map<String, long[]> handler = new ConcurrentHashMap<>();
    private final List<Long> overheads = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> withAnswers = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> lastBeat = new ConcurrentHashMap<>();
    private final AtomicLong longestGap = new AtomicLong();
    private final AtomicInteger heartbeatsSent = new AtomicInteger();
    private final AtomicInteger timedOut = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger runningNow = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    /** Per SWF operation: calls and nanoseconds, over the no-op runs. */
    private final Map<String, long[]> calls = new ConcurrentHashMap<>();

    @ActivityType(name = "Noop", version = "1")
    final class Noop implements Activity {
        @Override
        public Object execute(ActivityTask task, ActivityContext context) {
            long start = System.nanoTime();
            handler.put(task.workflowId(), new long[] {start, System.nanoTime()});
            return null;
        }
    }

    @ActivityType(name = "Sleep", version = "1")
    final class Sleep implements Activity {
        @Override
        public Object execute(ActivityTask task, ActivityContext context) throws InterruptedException {
            mostAtOnce.accumulateAndGet(runningNow.incrementAndGet(), Math::max);
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(SLEEP_SECONDS));
                return null;
            } finally {
                runningNow.decrementAndGet();
            }
        }
    }

    @Test
    void ownTimePerTaskAndAThousandHeartbeatingTasks() throws Exception {
        double loadBefore = loadAverage();
        JdbcSwfStore store = JdbcSwfStore.open("jdbc:h2:file:" + dir.resolve("swf/swf"), null, null);
        SwfEngine engine = SwfEngine.start(store, EngineOptions.defaults().withPollTimeout(Duration.ofSeconds(1)));
        EmbeddedSqsServer sqsServer = EmbeddedSqsServer.start(
                new EmbeddedSqsSettings("127.0.0.1", 0, false, 5),
                dir,
                new EmbeddedQueues("dlq", List.of(WorkerHarness.DEMO), 5));
        SqsClient sqs = AwsClientFactory.sqs(sqsServer.endpoint(), new AwsSettings("us-east-1", "x", "x"));
        SwfClient swf = observed(new EmbeddedSwfClient(engine));
        TestLoops loops = new TestLoops();
        StopSignal stop = new StopSignal();
        swf.registerDomain(r -> r.name("cpe").workflowExecutionRetentionPeriodInDays("1"));
        swf.registerWorkflowType(r -> r.domain("cpe")
                .name("bench")
                .version("1")
                .defaultTaskList(t -> t.name("bench-decisions"))
                .defaultExecutionStartToCloseTimeout("3600")
                .defaultTaskStartToCloseTimeout("60")
                .defaultChildPolicy("TERMINATE"));
        for (int i = 0; i < 2; i++) {
            loops.start("stand-in-decider-" + i, () -> decide(swf));
        }
        ActivityWorker worker = worker(swf, sqs, loops, stop);
        StringBuilder report = new StringBuilder();
        try {
            runTasks(swf, "warm", WARMUP_TASKS);
            List<double[]> runs = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                overheads.clear();
                withAnswers.clear();
                long t0 = System.nanoTime();
                runTasks(swf, "run" + run, TASKS);
                double seconds = (System.nanoTime() - t0) / 1e9;
                long[] sorted = sorted(overheads);
                long[] answered = sorted(withAnswers);
                runs.add(new double[] {
                    percentile(sorted, 50),
                    percentile(sorted, 99),
                    percentile(answered, 50),
                    percentile(answered, 99),
                    TASKS / seconds
                });
            }
            report.append("| Measure | median (min–max) of ")
                    .append(RUNS)
                    .append(" runs |\n|---|---|\n")
                    .append(row(
                            "Own time per task, p50 ms (poll returned → handler, handler → answer sent)", runs, 0, 3))
                    .append(row("Own time per task, p99 ms", runs, 1, 3))
                    .append(row("The same with SWF's answer call (a durable commit), p50 ms", runs, 2, 3))
                    .append(row("The same with SWF's answer call, p99 ms", runs, 3, 3))
                    .append(row("Tasks per second (" + INFLIGHT + " in flight)", runs, 4, 0));
            report.append("\nSWF calls over the warm-up and the runs (calls, mean ms):\n\n");
            calls.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> report.append("- ")
                    .append(e.getKey())
                    .append(": ")
                    .append(e.getValue()[0])
                    .append(", ")
                    .append(String.format("%.3f", e.getValue()[1] / 1e6 / Math.max(1, e.getValue()[0])))
                    .append("\n"));
            heartbeatingTasks(swf, worker, report);
        } finally {
            stop.trigger();
            worker.shutdown(Duration.ofSeconds(1));
            loops.stop(5_000);
            sqs.close();
            sqsServer.close();
            engine.close();
            store.close();
        }
        String text = "# ActivityPoller (" + Instant.now() + ")\n\nJVM " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " processors, load average " + loadBefore
                + " before, " + loadAverage() + " after; in-process embedded SWF on H2, " + WARMUP_TASKS
                + " warm-up tasks, then " + TASKS + " no-op tasks per run with " + INFLIGHT
                + " workflows in flight.\n\n" + report;
        System.out.println(text);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("activity-poller.md"), text);
    }

    private ActivityWorker worker(SwfClient swf, SqsClient sqs, TestLoops loops, StopSignal stop) {
        ActivityPollerSettings settings =
                new ActivityPollerSettings(List.of(), CONCURRENT, 4, Duration.ofSeconds(10), Duration.ofSeconds(1));
        List<ActivityWorker.TypePlan> plans = new ArrayList<>();
        for (Activity activity : List.of(new Noop(), new Sleep())) {
            ActivityType type = activity.getClass().getAnnotation(ActivityType.class);
            plans.add(new ActivityWorker.TypePlan(
                    new ActivityCatalog.Implementation(type, activity, activity.getClass()),
                    new ActivityPollerSettings.TypeSettings(type.name() + "-1", CONCURRENT, 4)));
        }
        ActivityWorker worker = new ActivityWorker(
                swf, sqs, "cpe", settings, List.of(WorkerHarness.DEMO), plans, Executors.defaultThreadFactory());
        worker.loops().forEach(l -> loops.start(l.name(), () -> l.cycle().pollOnce(stop)));
        return worker;
    }

    /** Runs {@code count} one-task workflows, {@link #INFLIGHT} at a time, until all closed. */
    private void runTasks(SwfClient swf, String prefix, int count) {
        int closedBefore = closed.get();
        for (int i = 0; i < count; i++) {
            while (closed.get() - closedBefore < i - INFLIGHT + 1) {
                LockSupport.parkNanos(100_000);
            }
            start(swf, prefix + "-" + i, "Noop", "60");
        }
        while (closed.get() - closedBefore < count) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private void heartbeatingTasks(SwfClient swf, ActivityWorker worker, StringBuilder report)
            throws InterruptedException {
        int closedBefore = closed.get();
        int beatsBefore = heartbeatsSent.get();
        lastBeat.clear();
        longestGap.set(0);
        long t0 = System.nanoTime();
        for (int i = 0; i < CONCURRENT; i++) {
            start(swf, "sleep-" + i, "Sleep", Integer.toString(HEARTBEAT_TIMEOUT));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SLEEP_SECONDS * 4L + 60);
        while (closed.get() - closedBefore < CONCURRENT && System.nanoTime() < deadline) {
            Thread.sleep(100); // a benchmark's wall clock, not a test's wait for a result
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        report.append("\n")
                .append(CONCURRENT)
                .append(" tasks of ")
                .append(SLEEP_SECONDS)
                .append(" s each, heartbeat timeout ")
                .append(HEARTBEAT_TIMEOUT)
                .append(" s (a heartbeat every ")
                .append(String.format("%.2f", HEARTBEAT_TIMEOUT / 3.0))
                .append(" s), automatic heartbeats:\n\n")
                .append("- running at once, at most: ")
                .append(mostAtOnce.get())
                .append("\n- workflows closed: ")
                .append(closed.get() - closedBefore)
                .append(" in ")
                .append(String.format("%.1f", seconds))
                .append(" s\n- heartbeats sent: ")
                .append(heartbeatsSent.get() - beatsBefore)
                .append("\n- longest gap between two heartbeats of a task: ")
                .append(String.format("%.2f", longestGap.get() / 1e9))
                .append(" s\n- activity tasks timed out: ")
                .append(timedOut.get())
                .append("\n");
    }

    private void start(SwfClient swf, String id, String activity, String heartbeatTimeout) {
        swf.startWorkflowExecution(r -> r.domain("cpe")
                .workflowId(id)
                .workflowType(t -> t.name("bench").version("1"))
                .input(activity + ":" + heartbeatTimeout)
                .tagList("cpe-job:" + id));
    }

    /** The stand-in Decider: schedules the workflow's one activity, then closes the workflow when it ended. */
    private void decide(SwfClient swf) {
        PollForDecisionTaskResponse task =
                swf.pollForDecisionTask(r -> r.domain("cpe").taskList(t -> t.name("bench-decisions")));
        if (task.taskToken() == null || task.taskToken().isEmpty()) {
            return;
        }
        List<HistoryEvent> events = task.events();
        Decision decision;
        if (events.stream().anyMatch(e -> e.eventType() == EventType.ACTIVITY_TASK_SCHEDULED)) {
            if (events.stream().anyMatch(e -> e.eventType() == EventType.ACTIVITY_TASK_TIMED_OUT)) {
                timedOut.incrementAndGet();
            }
            if (events.stream()
                    .noneMatch(e -> e.eventType() == EventType.ACTIVITY_TASK_COMPLETED
                            || e.eventType() == EventType.ACTIVITY_TASK_TIMED_OUT
                            || e.eventType() == EventType.ACTIVITY_TASK_FAILED)) {
                swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()));
                return;
            }
            decision = Decision.builder()
                    .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
                    .build();
            swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(decision));
            closed.incrementAndGet();
            return;
        }
        String[] input =
                events.get(0).workflowExecutionStartedEventAttributes().input().split(":");
        decision = Decision.builder()
                .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                .scheduleActivityTaskDecisionAttributes(a -> a.activityId("a")
                        .activityType(t -> t.name(input[0]).version("1"))
                        .taskList(t -> t.name(input[0] + "-1"))
                        .input("{}")
                        .heartbeatTimeout(input[1])
                        .scheduleToStartTimeout("600")
                        .scheduleToCloseTimeout("600")
                        .startToCloseTimeout("600"))
                .build();
        swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(decision));
    }

    /** Wraps the client to see when a task was polled, answered and heartbeaten. */
    @SuppressWarnings("unchecked")
    private SwfClient observed(SwfClient target) {
        return (SwfClient) Proxy.newProxyInstance(
                SwfClient.class.getClassLoader(), new Class<?>[] {SwfClient.class}, (p, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(target, args);
                    }
                    String name = method.getName();
                    String token = null;
                    Object result;
                    long callStart = System.nanoTime();
                    try {
                        if (name.equals("respondActivityTaskCompleted") && args[0] instanceof Consumer<?> c) {
                            RespondActivityTaskCompletedRequest.Builder b =
                                    RespondActivityTaskCompletedRequest.builder();
                            ((Consumer<RespondActivityTaskCompletedRequest.Builder>) c).accept(b);
                            token = b.build().taskToken();
                            result = target.respondActivityTaskCompleted(b.build());
                        } else if (name.equals("recordActivityTaskHeartbeat") && args[0] instanceof Consumer<?> c) {
                            RecordActivityTaskHeartbeatRequest.Builder b = RecordActivityTaskHeartbeatRequest.builder();
                            ((Consumer<RecordActivityTaskHeartbeatRequest.Builder>) c).accept(b);
                            token = b.build().taskToken();
                            result = target.recordActivityTaskHeartbeat(b.build());
                        } else {
                            result = method.invoke(target, args);
                        }
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    long now = System.nanoTime();
                    long[] totals = calls.computeIfAbsent(name, k -> new long[2]);
                    synchronized (totals) {
                        totals[0]++;
                        totals[1] += now - callStart;
                    }
                    if (name.equals("pollForActivityTask")
                            && result instanceof PollForActivityTaskResponse r
                            && r.taskToken() != null
                            && !r.taskToken().isEmpty()) {
                        polledAt.put(r.workflowExecution().workflowId(), now);
                        workflowOfToken.put(r.taskToken(), r.workflowExecution().workflowId());
                    } else if (name.equals("respondActivityTaskCompleted")) {
                        String workflowId = workflowOfToken.remove(token);
                        long[] h = workflowId == null ? null : handler.remove(workflowId);
                        Long polled = workflowId == null ? null : polledAt.remove(workflowId);
                        if (h != null && polled != null) {
                            overheads.add((h[0] - polled) + (callStart - h[1]));
                            withAnswers.add((h[0] - polled) + (now - h[1]));
                        } else {
                            lastBeat.remove(token);
                        }
                    } else if (name.equals("recordActivityTaskHeartbeat")) {
                        heartbeatsSent.incrementAndGet();
                        String workflowId = workflowOfToken.get(token);
                        Long previous = lastBeat.put(token, now);
                        long since = previous != null ? now - previous : now - polledAt.getOrDefault(workflowId, now);
                        longestGap.accumulateAndGet(since, Math::max);
                    }
                    return result;
                });
    }

    private static String row(String name, List<double[]> runs, int index, int decimals) {
        return "| " + name + " | "
                + spread(runs.stream().mapToDouble(r -> r[index]).toArray(), decimals) + " |\n";
    }
}
