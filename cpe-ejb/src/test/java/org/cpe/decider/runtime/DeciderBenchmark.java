package org.cpe.decider.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.cpe.aws.AwsClientFactory;
import org.cpe.bench.BenchFigures;
import org.cpe.client.ClientDefinition;
import org.cpe.config.AwsSettings;
import org.cpe.config.DeciderSettings;
import org.cpe.config.EmbeddedSqsSettings;
import org.cpe.embedded.sqs.EmbeddedQueues;
import org.cpe.embedded.sqs.EmbeddedSqsServer;
import org.cpe.loop.PollCycle;
import org.cpe.loop.StopSignal;
import org.cpe.notices.Outbox;
import org.cpe.swf.client.EmbeddedSwfClient;
import org.cpe.swf.engine.EngineOptions;
import org.cpe.swf.engine.SwfEngine;
import org.cpe.swf.store.JdbcSwfStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;

/**
 * The Decider end to end on the embedded stack: 10-step no-op workflows (each step's input a template over the
 * previous step's output) decided by the Decider's own {@link DecisionCycle}s against the embedded SWF engine on a
 * durable H2 file, no-op workers, and every client notice sent to and read back from the embedded, persistent
 * ElasticMQ. A workflow counts when its {@code WORKFLOW_COMPLETED} arrives on the client's output queue.
 *
 * <p>Besides throughput and start-to-notice latency it measures what the Decider adds per decision task: the time of
 * a cycle's turn that got a task, minus the time spent inside the SwfClient and SqsClient calls of that turn (timed
 * through proxies on the turn's own thread). Run with {@code -Pbenchmark}; see docs/benchmarks.md.
 */
@Tag("benchmark")
class DeciderBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STEPS = 10;
    private static final int RUNS = Integer.getInteger("benchmark.runs", 3);
    private static final int SECONDS = Integer.getInteger("benchmark.seconds", 20);
    private static final int WARMUP = Integer.getInteger("benchmark.warmup", 5);
    private static final int JVM_WARMUP = Integer.getInteger("benchmark.jvmwarmup", 20);
    private static final int INFLIGHT = Integer.getInteger("benchmark.inflight", 32);
    private static final int DECIDERS = Integer.getInteger("benchmark.deciders", 8);
    private static final int WORKERS = Integer.getInteger("benchmark.workers", 8);
    /**
     * Threads reading the client's output queue, as the client would: each reads up to ten messages and deletes them
     * in one batch. With two the client's reads were the limit (every read full, ten messages).
     */
    private static final int CONSUMERS = Integer.getInteger("benchmark.consumers", 4);
    /** The Decider's notice sender loops ({@code cpe.sqs.senders}). */
    private static final int SENDERS = Integer.getInteger("benchmark.senders", Outbox.DEFAULT_LANES);

    private static final boolean PERSISTENT_SQS =
            Boolean.parseBoolean(System.getProperty("benchmark.sqs.persistent", "true"));
    private static final ClientDefinition CLIENT = ClientDefinition.withDefaultQueues("bench");

    /** Nanoseconds the current thread spent inside timed client calls since its last reset. */
    private static final ThreadLocal<long[]> CALL_NANOS = ThreadLocal.withInitial(() -> new long[1]);
    /** Whether the current thread's last decision poll returned a task. */
    private static final ThreadLocal<boolean[]> GOT_TASK = ThreadLocal.withInitial(() -> new boolean[1]);

    /** The workflow of the current thread's last decision task. */
    private static final ThreadLocal<String> CURRENT_WORKFLOW = new ThreadLocal<>();
    /** Told the workflowId of each completing decision answered, when completions are counted on the SWF side. */
    private static volatile Consumer<String> COMPLETIONS;

    /** Per client method: calls and total nanoseconds, over the whole benchmark. */
    private static final Map<String, long[]> CALLS = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    private final TestLoops loops = new TestLoops();
    private final AtomicBoolean measuring = new AtomicBoolean(false);
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Semaphore slots = new Semaphore(INFLIGHT);
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    private boolean notices;
    private final List<Long> overheads = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The client's ReceiveMessage calls that returned messages, and the messages they returned. */
    private final AtomicLong receives = new AtomicLong();

    private final AtomicLong received = new AtomicLong();

    @Test
    void tenStepNoopWorkflowsEndToEnd() throws Exception {
        run(true);
    }

    /**
     * The same without client notices (the workflows name no client, so the Decider sends nothing): what the Decider
     * and the embedded SWF service do alone. A workflow counts when the decision that completes it is answered.
     */
    @Test
    void tenStepNoopWorkflowsWithoutNotices() throws Exception {
        run(false);
    }

    private void run(boolean notices) throws Exception {
        this.notices = notices;
        COMPLETIONS = notices ? null : this::completed;
        double loadBefore = BenchFigures.loadAverage();
        JdbcSwfStore store = JdbcSwfStore.open("jdbc:h2:file:" + dir.resolve("swf/swf"), null, null);
        SwfEngine engine = SwfEngine.start(store, EngineOptions.defaults().withPollTimeout(Duration.ofSeconds(1)));
        EmbeddedSqsServer sqsServer = EmbeddedSqsServer.start(
                new EmbeddedSqsSettings("127.0.0.1", 0, PERSISTENT_SQS, 5),
                dir,
                new EmbeddedQueues("cpe-dead-letter", List.of(CLIENT), 5));
        SqsClient rawSqs =
                AwsClientFactory.sqs(sqsServer.endpoint(), new AwsSettings("us-east-1", "cpe-local", "cpe-local"));
        SwfClient swf = timed(SwfClient.class, new EmbeddedSwfClient(engine));
        SqsClient sqs = timed(SqsClient.class, rawSqs);
        try {
            DeciderRuntime runtime = runtime(swf, sqs);
            runtime.ensureRegistered();
            String output =
                    rawSqs.getQueueUrl(r -> r.queueName(CLIENT.outputQueue())).queueUrl();
            for (int i = 0; i < DECIDERS; i++) {
                DecisionCycle cycle = runtime.cycle();
                loops.start("decider-" + i, () -> decide(cycle));
            }
            StopSignal senderStop = new StopSignal();
            List<PollCycle> senders = runtime.noticeSenders();
            for (int i = 0; i < senders.size(); i++) {
                PollCycle sender = senders.get(i);
                loops.start("notices-" + i, () -> sender.pollOnce(senderStop));
            }
            for (int i = 0; i < WORKERS; i++) {
                loops.start("worker-" + i, () -> work(swf));
            }
            if (notices) {
                for (int i = 1; i <= CONSUMERS; i++) {
                    loops.start("consumer-" + i, () -> consume(sqs, output));
                }
            }
            loops.start("starter-1", () -> start(swf));
            loops.start("starter-2", () -> start(swf));

            TimeUnit.SECONDS.sleep(JVM_WARMUP); // the JIT warms up under the same load; nothing is measured
            List<Run> runs = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                runs.add(measure());
            }
            String cpu = cpuByThreadGroup();
            loops.stop(10_000);
            assertThat(failed.get()).as("workflows that failed").isZero();
            report(runs, loadBefore, BenchFigures.loadAverage(), cpu);
        } finally {
            loops.signalStop();
            rawSqs.close();
            sqsServer.close();
            engine.close();
            store.close();
        }
    }

    private DeciderRuntime runtime(SwfClient swf, SqsClient sqs) throws IOException {
        Path plans = Files.createDirectories(dir.resolve("plans"));
        Files.writeString(plans.resolve("bench.yml"), plan());
        DeciderSettings settings = new DeciderSettings("cpe", "cpe-decisions", Optional.of(plans), DECIDERS);
        DeciderRuntime runtime =
                new DeciderRuntime(swf, sqs, settings, DeciderRuntime.loadPlans(settings), List.of(CLIENT), SENDERS);
        assertThat(runtime.plans().problems()).isEmpty();
        return runtime;
    }

    /** Ten sequential no-op steps, each one's input made from the previous one's output. */
    static String plan() {
        StringBuilder yaml = new StringBuilder(
                """
                name: bench10
                version: "1"
                activities:
                  - name: Noop
                    version: "1"
                    heartbeat_timeout: NONE
                    outputs_spec:
                      n: "$.n"
                steps:
                  - name: s1
                    activity: Noop
                    input: '{"n": {{__input__.n}}}'
                """);
        for (int i = 2; i <= STEPS; i++) {
            yaml.append("  - name: s")
                    .append(i)
                    .append("\n    activity: Noop\n    requires: [s")
                    .append(i - 1)
                    .append("]\n    input: '{\"n\": {{s")
                    .append(i - 1)
                    .append(".n}}}'\n");
        }
        return yaml.toString();
    }

    private Run measure() throws InterruptedException {
        TimeUnit.SECONDS.sleep(WARMUP);
        latencies.clear();
        overheads.clear();
        int before = completed.get();
        measuring.set(true);
        long t0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(SECONDS);
        measuring.set(false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] lat = BenchFigures.sorted(latencies);
        long[] over = BenchFigures.sorted(overheads);
        return new Run(
                (completed.get() - before) / seconds,
                BenchFigures.percentile(lat, 50),
                BenchFigures.percentile(lat, 99),
                BenchFigures.percentile(over, 50),
                BenchFigures.percentile(over, 99),
                over.length / seconds);
    }

    private record Run(
            double throughput,
            double latencyP50,
            double latencyP99,
            double overheadP50,
            double overheadP99,
            double decisionTasksPerSecond) {}

    private void decide(DecisionCycle cycle) {
        StopSignal stop = new StopSignal();
        CALL_NANOS.get()[0] = 0;
        GOT_TASK.get()[0] = false;
        long t0 = System.nanoTime();
        cycle.pollOnce(stop);
        long turn = System.nanoTime() - t0;
        if (GOT_TASK.get()[0] && measuring.get()) {
            overheads.add(turn - CALL_NANOS.get()[0]);
        }
    }

    private void work(SwfClient swf) {
        PollForActivityTaskResponse task =
                swf.pollForActivityTask(r -> r.domain("cpe").taskList(t -> t.name("Noop-1")));
        if (task.taskToken() != null && !task.taskToken().isEmpty()) {
            swf.respondActivityTaskCompleted(r -> r.taskToken(task.taskToken()).result(task.input()));
        }
    }

    private void start(SwfClient swf) throws InterruptedException {
        if (!slots.tryAcquire(1, TimeUnit.SECONDS)) {
            return;
        }
        String jobId = "bench-" + ids.incrementAndGet();
        started.put(jobId, System.nanoTime());
        swf.startWorkflowExecution(r -> r.domain("cpe")
                .workflowId(jobId)
                .workflowType(t -> t.name("bench10").version("1"))
                .tagList(notices ? List.of("cpe-job:" + jobId, "cpe-client:" + CLIENT.name()) : List.of())
                .input("{\"n\": 1}"));
    }

    /** A workflow's end, counted on the SWF side. */
    private void completed(String jobId) {
        Long t0 = started.remove(jobId);
        if (t0 != null) {
            completed.incrementAndGet();
            if (measuring.get()) {
                latencies.add(System.nanoTime() - t0);
            }
            slots.release();
        }
    }

    private void consume(SqsClient sqs, String queue) throws IOException {
        List<Message> messages = sqs.receiveMessage(
                        r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        if (messages.isEmpty()) {
            return;
        }
        receives.incrementAndGet();
        received.addAndGet(messages.size());
        for (Message m : messages) {
            boolean done = m.body().contains("\"type\":\"WORKFLOW_COMPLETED\"");
            boolean lost = m.body().contains("\"type\":\"WORKFLOW_FAILED\"");
            if (done || lost) {
                JsonNode message = JSON.readTree(m.body());
                Long t0 = started.remove(message.get("jobId").asText());
                if (t0 != null) {
                    (done ? completed : failed).incrementAndGet();
                    if (measuring.get()) {
                        latencies.add(System.nanoTime() - t0);
                    }
                    slots.release();
                }
            }
        }
        sqs.deleteMessageBatch(r -> r.queueUrl(queue)
                .entries(IntStream.range(0, messages.size())
                        .mapToObj(i -> DeleteMessageBatchRequestEntry.builder()
                                .id(String.valueOf(i))
                                .receiptHandle(messages.get(i).receiptHandle())
                                .build())
                        .toList()));
    }

    /** CPU seconds each group of live threads (names without their numbers) used since it started. */
    private static String cpuByThreadGroup() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Double> groups = new java.util.TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long nanos = mx.getThreadCpuTime(t.getId());
            if (nanos > 0) {
                groups.merge(t.getName().replaceAll("\\d+", "N"), nanos / 1e9, Double::sum);
            }
        }
        return groups.entrySet().stream()
                .filter(e -> e.getValue() >= 0.5)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> "- " + e.getKey() + ": " + String.format("%.1f", e.getValue()) + " s")
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private void report(List<Run> runs, double loadBefore, double loadAfter, String cpu) throws IOException {
        String end = notices ? "start → WORKFLOW_COMPLETED read" : "start → completing decision answered";
        String table = "| Measure | Median (min–max) over " + runs.size() + " runs |\n|---|---|\n"
                + row("10-step workflows/s, end to end", runs, Run::throughput, 1)
                + row(end + ", p50 ms", runs, Run::latencyP50, 1)
                + row(end + ", p99 ms", runs, Run::latencyP99, 1)
                + row("decision tasks/s", runs, Run::decisionTasksPerSecond, 0)
                + row("Decider's own time per decision task, p50 ms", runs, Run::overheadP50, 3)
                + row("Decider's own time per decision task, p99 ms", runs, Run::overheadP99, 3);
        String text = "# Decider end to end, " + (notices ? "with client notices" : "without notices") + " ("
                + Instant.now() + ")\n\n"
                + "JVM " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors()
                + " processors, load average " + loadBefore + " before, " + loadAfter + " after; " + INFLIGHT
                + " workflows in flight, " + DECIDERS + " decider loops, " + WORKERS + " workers, " + JVM_WARMUP
                + " s JVM warm-up, per run " + WARMUP + " s warm-up and " + SECONDS + " s measured"
                + (notices
                        ? "; " + SENDERS + " notice sender loop(s), " + CONSUMERS
                                + " thread(s) reading the client's output queue"
                        : "")
                + ".\n\n" + table;
        if (notices) {
            text += String.format(
                    java.util.Locale.ROOT,
                    "%nThe client's reads over the whole benchmark: %,d ReceiveMessage calls returned %,d messages"
                            + " (%.1f a call), each call followed by one DeleteMessageBatch.%n",
                    receives.get(),
                    received.get(),
                    received.get() / (double) Math.max(1, receives.get()));
        }
        text += "\nClient calls over the whole benchmark (calls, mean ms):\n\n"
                + CALLS.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> "- " + e.getKey() + ": " + e.getValue()[0] + ", "
                                + String.format("%.3f", e.getValue()[1] / 1e6 / Math.max(1, e.getValue()[0])))
                        .collect(java.util.stream.Collectors.joining("\n"))
                + "\n\nCPU by thread group over the whole benchmark:\n\n" + cpu + "\n";
        System.out.println(text);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve(notices ? "decider-e2e.md" : "decider-e2e-silent.md"), text);
    }

    private static String row(String name, List<Run> runs, java.util.function.ToDoubleFunction<Run> f, int decimals) {
        return "| " + name + " | "
                + BenchFigures.spread(runs.stream().mapToDouble(f).toArray(), decimals) + " |\n";
    }

    /** A proxy that adds the time of each call to the calling thread's {@link #CALL_NANOS}. */
    static <T> T timed(Class<T> type, T target) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
            }
            long t0 = System.nanoTime();
            try {
                if (method.getName().equals("respondDecisionTaskCompleted") && args[0] instanceof Consumer<?> c) {
                    // Build the request as the SDK's default method would, so that its decisions can be seen.
                    RespondDecisionTaskCompletedRequest.Builder builder = RespondDecisionTaskCompletedRequest.builder();
                    @SuppressWarnings("unchecked")
                    Consumer<RespondDecisionTaskCompletedRequest.Builder> fill =
                            (Consumer<RespondDecisionTaskCompletedRequest.Builder>) c;
                    fill.accept(builder);
                    args = new Object[] {builder.build()};
                    method = SwfClient.class.getMethod(
                            "respondDecisionTaskCompleted", RespondDecisionTaskCompletedRequest.class);
                }
                Object result = method.invoke(target, args);
                Consumer<String> completions = COMPLETIONS;
                if (completions != null
                        && args != null
                        && args.length == 1
                        && args[0] instanceof RespondDecisionTaskCompletedRequest answer
                        && answer.decisions().stream()
                                .anyMatch(d -> d.decisionType() == DecisionType.COMPLETE_WORKFLOW_EXECUTION)) {
                    completions.accept(CURRENT_WORKFLOW.get());
                }
                if (result instanceof PollForDecisionTaskResponse task
                        && task.taskToken() != null
                        && !task.taskToken().isEmpty()) {
                    GOT_TASK.get()[0] = true;
                    CURRENT_WORKFLOW.set(task.workflowExecution().workflowId());
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                long took = System.nanoTime() - t0;
                CALL_NANOS.get()[0] += took;
                CALLS.computeIfAbsent(type.getSimpleName() + "." + method.getName(), k -> new long[2]);
                long[] totals = CALLS.get(type.getSimpleName() + "." + method.getName());
                synchronized (totals) {
                    totals[0]++;
                    totals[1] += took;
                }
            }
        });
        return type.cast(proxy);
    }
}
