package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The whole stack as an operator starts it ({@code bin/cpe-server}, the embedded default: every role, the embedded SQS,
 * SWF and S3 in one process), driven as a client drives it: {@code START_JOB} commands on the demo client's input
 * queue, and the time until that job's {@code WORKFLOW_COMPLETED} is read from its output queue. 1-step and 10-step
 * no-op plans of the built-in Test activity, a fixed number of jobs in flight (closed loop), and the server process's
 * resident memory (RSS, from {@code /proc/<pid>/status}) and CPU while it works. A benchmark, not a test: it asserts
 * only that every job it sent completed exactly once and none failed; the figures go to {@code
 * target/benchmarks/stack.md}.
 *
 * <p>Run it with {@code ./mvnw -B -q install -DskipTests && ./mvnw -B -pl cpe-micro verify -Pbenchmark}. System
 * properties: {@code benchmark.runs} (3), {@code benchmark.seconds} measured per run (20), {@code benchmark.warmup}
 * seconds of unreported load before each plan's runs (30), {@code benchmark.inflight} jobs (32), {@code
 * benchmark.steps} (1,10), and {@code benchmark.env} ({@code NAME=value,…}: more settings for the server, such as
 * {@code CPE_ACTIVITY_POLLER_SLOTS=32}; by default it runs with the shipped defaults).
 */
class StackBenchmark {

    private static final int RUNS = Integer.getInteger("benchmark.runs", 3);
    private static final double SECONDS = Double.parseDouble(System.getProperty("benchmark.seconds", "20"));
    private static final double WARMUP = Double.parseDouble(System.getProperty("benchmark.warmup", "30"));
    private static final int IN_FLIGHT = Integer.getInteger("benchmark.inflight", 32);
    private static final List<Integer> STEPS = Arrays.stream(
                    System.getProperty("benchmark.steps", "1,10").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .toList();
    private static final String EXTRA_ENV = System.getProperty("benchmark.env", "");
    private static final double DRAIN_LIMIT_SECONDS = 120;
    private static final Path REPORT = Paths.get("target", "benchmarks", "stack.md");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jobsEndToEndThroughSqs() throws Exception {
        if (RUNS < 1 || SECONDS <= 0 || IN_FLIGHT < 1 || STEPS.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("benchmark.runs, .seconds, .inflight and .steps must be positive: "
                    + RUNS + ", " + SECONDS + ", " + IN_FLIGHT + ", " + STEPS);
        }
        String began = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String loadAtStart = loadAverage();
        Path dir = Files.createTempDirectory("cpe-stack-benchmark");
        int port = Servers.freePort();
        int sqsPort = Servers.freePort();
        Map<String, String> environment = new HashMap<>(Map.of(
                "CPE_DATA_DIR", dir.resolve("data").toString(),
                "CPE_EMBEDDED_SQS_PORT", Integer.toString(sqsPort),
                "CPE_DECIDER_PLANS_DIR", plans(dir).toString(),
                // bin/cpe-server's own default; Servers gives test servers less.
                "CPE_JAVA_OPTS", "-Xmx768m"));
        environment.putAll(extraEnvironment());
        StringBuilder report = new StringBuilder();
        try (Servers servers = new Servers(dir)) {
            Process server = servers.start("stack", port, environment);
            servers.awaitReady("stack");
            long idleRss = rssKb(server.pid());
            try (SqsClient sqs = Sqs.client("http://127.0.0.1:" + sqsPort)) {
                String input = sqs.getQueueUrl(r -> r.queueName("demo-input")).queueUrl();
                String output = sqs.getQueueUrl(r -> r.queueName("demo-output")).queueUrl();
                for (int steps : STEPS) {
                    try (Loop loop = new Loop(sqs, input, output, "bench-" + steps, server.pid())) {
                        loop.window(WARMUP); // unreported: the JIT, the caches and the queues settle
                        List<Window> runs = new ArrayList<>();
                        for (int run = 1; run <= RUNS; run++) {
                            Window w = loop.window(SECONDS);
                            runs.add(w);
                            System.out.printf(
                                    Locale.ROOT,
                                    "%d-step jobs, run %d: %.1f jobs/s, p50 %.0f ms, p99 %.0f ms, server CPU %.2f"
                                            + " cores, RSS max %,d MB%n",
                                    steps,
                                    run,
                                    w.jobsPerSecond(),
                                    w.percentileMillis(50),
                                    w.percentileMillis(99),
                                    w.serverCores(),
                                    w.rssMaxKb() >> 10);
                        }
                        loop.drain();
                        assertThat(loop.failures)
                                .as("jobs that failed or were refused")
                                .isEmpty();
                        assertThat(loop.repeated)
                                .as("jobs completed more than once")
                                .isEmpty();
                        assertThat(loop.sentAt)
                                .as("jobs sent but not completed")
                                .isEmpty();
                        assertThat(loop.completed.get()).isEqualTo(loop.sent.get());
                        report.append(section(steps, runs, loop.sent.get()));
                    }
                }
            }
            long afterRss = rssKb(server.pid());
            String markdown = markdown(began, loadAtStart, idleRss, afterRss, environment) + report;
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, markdown);
            System.out.println(markdown);
            System.out.println("Written to " + REPORT.toAbsolutePath());
        } finally {
            deleteRecursively(dir);
        }
    }

    /** The server's data folder holds every job the benchmark ran: hundreds of megabytes, of no use afterwards. */
    private static void deleteRecursively(Path dir) {
        // The killed server may still be closing its files: a second pass catches what the first could not remove.
        for (int pass = 1; pass <= 2 && Files.exists(dir); pass++) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                System.out.println("Could not remove " + dir + " yet: " + e);
            }
        }
    }

    /** One closed loop of jobs of one plan: a sender keeps {@link #IN_FLIGHT} jobs open, two readers count them. */
    private static final class Loop implements AutoCloseable {
        private final SqsClient sqs;
        private final String input;
        private final String output;
        private final String plan;
        private final long pid;
        private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
        private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        private final Set<String> done = ConcurrentHashMap.newKeySet();
        private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<String> repeated = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong completed = new AtomicLong();
        private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean sending = true;
        private volatile boolean reading = true;

        Loop(SqsClient sqs, String input, String output, String plan, long pid) {
            this.sqs = sqs;
            this.input = input;
            this.output = output;
            this.plan = plan;
            this.pid = pid;
            threads.add(thread("bench-sender", this::send));
            threads.add(thread("bench-reader-1", this::read));
            threads.add(thread("bench-reader-2", this::read));
        }

        /** Lets the loop run for {@code seconds} and says what it did in that time. */
        Window window(double seconds) throws Exception {
            latencies.clear();
            long completedBefore = completed.get();
            long cpuBefore = cpuTicks(pid);
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            List<Long> rss = new ArrayList<>();
            while (System.nanoTime() < end) {
                if (!errors.isEmpty()) {
                    throw new IllegalStateException("The benchmark's SQS calls failed", errors.peek());
                }
                rss.add(rssKb(pid));
                TimeUnit.MILLISECONDS.sleep(Math.min(500, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] lat = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            double serverCores = (cpuTicks(pid) - cpuBefore) / 100.0 / elapsed; // USER_HZ is 100 on Linux
            return new Window(
                    (completed.get() - completedBefore) / elapsed,
                    lat,
                    serverCores,
                    rss.stream().mapToLong(Long::longValue).max().orElse(0),
                    median(rss.stream().mapToDouble(Long::doubleValue).toArray()));
        }

        /** Stops sending and waits until every job sent has ended. */
        void drain() throws InterruptedException {
            sending = false;
            threads.get(0).join();
            long deadline = System.nanoTime() + (long) (DRAIN_LIMIT_SECONDS * 1e9);
            while (!sentAt.isEmpty() && errors.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (!errors.isEmpty()) {
                throw new IllegalStateException("The benchmark's SQS calls failed", errors.peek());
            }
        }

        private void send() {
            try {
                while (sending) {
                    if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    int permits = 1;
                    while (permits < 10 && inFlight.tryAcquire()) {
                        permits++;
                    }
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < permits; i++) {
                        long n = sent.incrementAndGet();
                        String jobId = plan + "-" + n;
                        entries.add(SendMessageBatchRequestEntry.builder()
                                .id("m" + i)
                                .messageBody("{\"type\": \"START_JOB\", \"jobId\": \"" + jobId + "\", \"data\":"
                                        + " {\"workflow\": {\"name\": \"" + plan + "\", \"version\": \"1\"}, \"n\": "
                                        + n + "}}")
                                .build());
                        sentAt.put(jobId, System.nanoTime());
                    }
                    var response = sqs.sendMessageBatch(r -> r.queueUrl(input).entries(entries));
                    if (!response.failed().isEmpty()) {
                        throw new IllegalStateException("SQS refused commands: " + response.failed());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void read() {
            while (reading) {
                List<Message> messages = sqs.receiveMessage(
                                r -> r.queueUrl(output).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages();
                long now = System.nanoTime();
                for (Message m : messages) {
                    count(m, now);
                }
                if (!messages.isEmpty()) {
                    List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
                    for (int i = 0; i < messages.size(); i++) {
                        deletes.add(DeleteMessageBatchRequestEntry.builder()
                                .id("d" + i)
                                .receiptHandle(messages.get(i).receiptHandle())
                                .build());
                    }
                    sqs.deleteMessageBatch(r -> r.queueUrl(output).entries(deletes));
                }
            }
        }

        private void count(Message m, long now) {
            JsonNode notice;
            try {
                notice = JSON.readTree(m.body());
            } catch (IOException e) {
                failures.add("not JSON: " + m.body());
                return;
            }
            String type = notice.path("type").asText();
            String jobId = notice.path("jobId").asText();
            boolean end = type.equals("WORKFLOW_COMPLETED");
            if (type.equals("WORKFLOW_FAILED") || type.equals("JOB_START_FAILED") || type.equals("COMMAND_REJECTED")) {
                failures.add(m.body());
                end = true;
            }
            if (!end) {
                return;
            }
            if (!done.add(jobId)) {
                repeated.add(jobId);
                return;
            }
            Long begun = sentAt.remove(jobId);
            if (begun == null) {
                failures.add("an end of a job this loop did not send: " + m.body());
                return;
            }
            latencies.add(now - begun);
            completed.incrementAndGet();
            inFlight.release();
        }

        private Thread thread(String name, Runnable body) {
            Thread t = new Thread(
                    () -> {
                        try {
                            body.run();
                        } catch (RuntimeException | Error e) {
                            errors.add(e);
                        }
                    },
                    name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        @Override
        public void close() throws InterruptedException {
            sending = false;
            reading = false;
            for (Thread t : threads) {
                t.join(30_000);
            }
        }
    }

    private record Window(
            double jobsPerSecond, long[] latencies, double serverCores, long rssMaxKb, double rssMedianKb) {
        double percentileMillis(int p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, i))] / 1e6;
        }
    }

    private static String section(int steps, List<Window> runs, long jobs) {
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "%n## %d-step no-op jobs, START_JOB → WORKFLOW_COMPLETED%n%n"
                        + "%d jobs in flight; %.0f s warm-up, then %d runs of %.0f s; %,d jobs in all, each completed"
                        + " exactly once.%n%n"
                        + "| Run | Jobs/s | p50 ms | p99 ms | Server CPU (cores) | Server RSS median MB | Server RSS"
                        + " max MB |%n|---:|---:|---:|---:|---:|---:|---:|%n",
                steps,
                IN_FLIGHT,
                WARMUP,
                runs.size(),
                SECONDS,
                jobs));
        for (int i = 0; i < runs.size(); i++) {
            Window w = runs.get(i);
            s.append(String.format(
                    Locale.ROOT,
                    "| %d | %.1f | %.0f | %.0f | %.2f | %,d | %,d |%n",
                    i + 1,
                    w.jobsPerSecond(),
                    w.percentileMillis(50),
                    w.percentileMillis(99),
                    w.serverCores(),
                    (long) w.rssMedianKb() >> 10,
                    w.rssMaxKb() >> 10));
        }
        s.append(String.format(
                Locale.ROOT,
                "%n**Median (min–max) over %d runs:** %s jobs/s; p50 %s ms; p99 %s ms; server RSS max %s MB.%n",
                runs.size(),
                spread(runs.stream().mapToDouble(Window::jobsPerSecond).toArray(), 1),
                spread(runs.stream().mapToDouble(w -> w.percentileMillis(50)).toArray(), 0),
                spread(runs.stream().mapToDouble(w -> w.percentileMillis(99)).toArray(), 0),
                spread(runs.stream().mapToDouble(w -> w.rssMaxKb() / 1024.0).toArray(), 0)));
        return s.toString();
    }

    private static String markdown(
            String began, String loadAtStart, long idleRssKb, long afterRssKb, Map<String, String> environment) {
        String settings = environment.entrySet().stream()
                .filter(e -> !e.getKey().equals("CPE_DATA_DIR")
                        && !e.getKey().equals("CPE_DECIDER_PLANS_DIR")
                        && !e.getKey().equals("CPE_EMBEDDED_SQS_PORT"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .collect(Collectors.joining(", "));
        return String.format(
                Locale.ROOT,
                "# The whole stack, end to end through SQS%n%n"
                        + "Began %s. `bin/cpe-server` on the embedded default (all roles, embedded SQS, SWF and S3,"
                        + " durable H2), settings %s, the rest as shipped; %d CPUs, %s. The client (this benchmark's"
                        + " JVM: one sender, two readers on the demo client's queues) runs on the same machine."
                        + " Load (`/proc/loadavg`) at the start: %s; at the end: %s.%n%n"
                        + "Server RSS when ready and idle: %,d MB; after all runs: %,d MB.%n",
                began,
                settings,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                loadAtStart,
                loadAverage(),
                idleRssKb >> 10,
                afterRssKb >> 10);
    }

    /** The plans the benchmark runs: {@code bench-N}, N sequential steps of the Test activity doing nothing. */
    private static Path plans(Path dir) throws IOException {
        Path plans = Files.createDirectories(dir.resolve("plans"));
        for (int steps : STEPS) {
            StringBuilder yaml = new StringBuilder(String.format(
                    Locale.ROOT,
                    """
                    name: bench-%d
                    version: "1"
                    activities:
                      - name: Test
                        version: "1"
                        heartbeat_timeout: "60"
                        outputs_spec:
                          n: "$.echo"
                    steps:
                      - name: s1
                        activity: Test
                        input: '{"echo": {{__input__.n}}}'
                    """,
                    steps));
            for (int i = 2; i <= steps; i++) {
                yaml.append(String.format(
                        Locale.ROOT,
                        "  - name: s%d%n    activity: Test%n    requires: [s%d]%n    input: '{\"echo\": {{s%d.n}}}'%n",
                        i,
                        i - 1,
                        i - 1));
            }
            Files.writeString(plans.resolve("bench-" + steps + ".yml"), yaml);
        }
        return plans;
    }

    private static Map<String, String> extraEnvironment() {
        Map<String, String> extra = new HashMap<>();
        for (String pair : EXTRA_ENV.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException(
                        "benchmark.env takes NAME=value pairs separated by commas, not '" + pair + "'");
            }
            extra.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return extra;
    }

    /** The process's resident memory in KiB, from {@code /proc/<pid>/status}; 0 where there is none. */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone, or this is not Linux
        }
        return 0;
    }

    /** The process's user and system CPU time in clock ticks, from {@code /proc/<pid>/stat}; 0 where there is none. */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the
            // 14th and 15th fields of the whole line, the 12th and 13th after the name.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Paths.get("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f (1 min)",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String spread(double[] values, int decimals) {
        String f = "%,." + decimals + "f";
        return String.format(Locale.ROOT, f, median(values)) + " ("
                + String.format(Locale.ROOT, f, Arrays.stream(values).min().orElse(Double.NaN)) + "–"
                + String.format(Locale.ROOT, f, Arrays.stream(values).max().orElse(Double.NaN)) + ")";
    }
}
