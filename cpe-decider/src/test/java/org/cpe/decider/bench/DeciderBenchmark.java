package org.cpe.decider.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.cpe.decider.logic.Decider;
import org.cpe.decider.logic.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long {@link Decider#decide} takes on a workflow history of a given size: the target is at most 20 ms for a
 * history of about 5,000 events, and the table shows how the time grows with the history. Each {@link Workload} (a
 * fan-out of parallel steps into a merge, and a long sequential chain) ends with an open decision task that must
 * schedule one step; every run checks that it did, so the benchmark fails if the logic breaks. A benchmark, not a
 * test: the figures go to {@code target/benchmarks/decider.md} and to stdout.
 *
 * <p>Run it with {@code ./mvnw -B -q install -DskipTests && ./mvnw -B -pl cpe-decider test -Pbenchmark}. System
 * properties: {@code benchmark.sizes} in events ({@code 100,1000,5000,10000}), {@code benchmark.shapes} ({@code
 * fan-out,chain}), {@code benchmark.runs} per size (5), {@code benchmark.seconds} measured per run (2) with at least
 * {@code benchmark.decisions} decisions (50), and {@code benchmark.warmup} seconds of unreported decisions over all
 * the workloads first (5), for the JIT.
 */
@Tag("benchmark")
class DeciderBenchmark {

    private static final List<Integer> SIZES = Arrays.stream(
                    System.getProperty("benchmark.sizes", "100,1000,5000,10000").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .toList();
    private static final List<String> SHAPES = Arrays.stream(
                    System.getProperty("benchmark.shapes", Workload.FAN_OUT + "," + Workload.CHAIN)
                            .split(","))
            .map(String::trim)
            .toList();
    private static final int RUNS = Integer.getInteger("benchmark.runs", 5);
    private static final double SECONDS = Double.parseDouble(System.getProperty("benchmark.seconds", "2"));
    private static final int MIN_DECISIONS = Integer.getInteger("benchmark.decisions", 50);
    private static final double WARMUP = Double.parseDouble(System.getProperty("benchmark.warmup", "5"));

    private static final int TARGET_EVENTS = 5_000;
    private static final double TARGET_MILLIS = 20;

    private static final Path REPORT = Paths.get("target", "benchmarks", "decider.md");
    private static final List<Row> ROWS = new ArrayList<>();
    private static String began;
    private static String loadAtStart;
    private static int warmUpDecisions;
    private static volatile int sink;

    /** One measured run: each decision's time, and the bytes the thread allocated per decision (-1 if unknown). */
    private record Run(long[] nanos, long bytesPerDecision) {}

    /** A workload of {@code size} requested events and its runs. */
    private record Row(int size, Workload workload, List<Run> runs) {}

    @BeforeAll
    static void prepare() {
        if (RUNS < 1 || SECONDS <= 0 || MIN_DECISIONS < 1 || WARMUP < 0 || SIZES.isEmpty()) {
            throw new IllegalArgumentException("benchmark.runs, .seconds, .decisions and .sizes must be positive: "
                    + Arrays.asList(RUNS, SECONDS, MIN_DECISIONS, SIZES));
        }
        began = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        loadAtStart = loadAverage();
        for (String shape : SHAPES) {
            for (int size : SIZES) {
                Workload w = Workload.of(shape, size);
                w.check(decide(w));
                ROWS.add(new Row(size, w, new ArrayList<>()));
            }
        }
        warmUp();
    }

    /** Unreported decisions over every workload in turn, so that the JIT has compiled the decider and its libraries. */
    private static void warmUp() {
        long end = System.nanoTime() + (long) (WARMUP * 1e9);
        while (System.nanoTime() < end) {
            for (Row row : ROWS) {
                sink += decide(row.workload()).decisions().size();
                warmUpDecisions++;
            }
        }
        System.out.printf(
                Locale.ROOT, "JVM warm-up (not reported): %,d decisions over %.0f s%n", warmUpDecisions, WARMUP);
    }

    @Test
    void decisionTime() {
        for (Row row : ROWS) {
            for (int run = 1; run <= RUNS; run++) {
                Run r = run(row.workload());
                row.runs().add(r);
                System.out.printf(
                        Locale.ROOT,
                        "%s, %,d events, run %d: %,d decisions, p50 %.3f ms, p99 %.3f ms, max %.3f ms, %.2f MB"
                                + " allocated per decision%n",
                        row.workload().shape(),
                        row.workload().events(),
                        run,
                        r.nanos().length,
                        Stats.percentileMillis(r.nanos(), 50),
                        Stats.percentileMillis(r.nanos(), 99),
                        Stats.maxMillis(r.nanos()),
                        r.bytesPerDecision() / 1e6);
            }
        }
    }

    @AfterAll
    static void report() throws IOException {
        String markdown = markdown();
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, markdown);
        System.out.println();
        System.out.println(markdown);
        System.out.println("Written to " + REPORT.toAbsolutePath());
    }

    /** Decides the workload over and over for {@link #SECONDS}, and at least {@link #MIN_DECISIONS} times. */
    private static Run run(Workload w) {
        System.gc();
        long[] nanos = new long[1024];
        int n = 0;
        Outcome last = null;
        long allocatedBefore = allocatedBytes();
        long end = System.nanoTime() + (long) (SECONDS * 1e9);
        while (n < MIN_DECISIONS || System.nanoTime() < end) {
            long before = System.nanoTime();
            last = decide(w);
            long took = System.nanoTime() - before;
            if (n == nanos.length) {
                nanos = Arrays.copyOf(nanos, 2 * n);
            }
            nanos[n++] = took;
        }
        long allocatedAfter = allocatedBytes();
        w.check(last);
        long perDecision = allocatedBefore < 0 ? -1 : (allocatedAfter - allocatedBefore) / n;
        return new Run(Arrays.copyOf(nanos, n), perDecision);
    }

    private static Outcome decide(Workload w) {
        return Decider.decide(w.plan(), w.history(), w.previousStartedEventId());
    }

    /** The bytes this thread has allocated so far, or -1 where the JVM does not say. */
    private static long allocatedBytes() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemoryEnabled()) {
            return hotspot.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    // --- the report ----------------------------------------------------------------------------------------------

    private static String markdown() {
        StringBuilder md = new StringBuilder("# Decider benchmark\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Began %s. `Decider.decide(plan, history, previousStartedEventId)` on one thread: %d run(s) per"
                        + " workload, each %.1f s and at least %d decisions, after %.0f s of unreported warm-up"
                        + " (%,d decisions over all workloads). %s; `nproc` %s, %d CPUs as the JVM sees them; max"
                        + " heap %,d MB.%n%n",
                began,
                RUNS,
                SECONDS,
                MIN_DECISIONS,
                WARMUP,
                warmUpDecisions,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                nproc(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20));
        md.append("Machine load (`/proc/loadavg`) at the start: ")
                .append(loadAtStart)
                .append("; at the end: ")
                .append(loadAverage())
                .append(".\n\n");
        md.append("Workloads: *fan-out* is a split step, K parts in parallel and a merge step that requires them"
                + " all, the history ending with the last part's completion (the decision schedules the merge);"
                + " *chain* is K steps each requiring the one before, all but the last run (the decision schedules"
                + " the last). Every activity was scheduled, started and completed with a JSON result of about 150"
                + " characters, each completion in a decision task of its own (scheduled, started, completed), as SWF"
                + " records them.\n\n");
        md.append("| Target | Goal | Measured: median (min–max) | |\n|---|---|---|---|\n");
        for (Row row : ROWS) {
            if (row.size() == TARGET_EVENTS) {
                summaryRows(md, row);
            }
        }
        md.append("\n| Shape | Events | Plan steps | Decisions timed | p50 ms: median (min–max) of runs"
                + " | p99 ms: median (min–max) of runs | µs per event at p50 | MB allocated per decision |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : ROWS) {
            double[] p50 = percentiles(row.runs(), 50);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %,d | %,d | %s | %s | %.2f | %.2f |%n",
                    row.workload().shape(),
                    row.workload().events(),
                    row.workload().steps(),
                    row.runs().stream().mapToInt(r -> r.nanos().length).sum(),
                    Stats.spread(p50, 3),
                    Stats.spread(percentiles(row.runs(), 99), 3),
                    1000 * Stats.median(p50) / row.workload().events(),
                    row.runs().stream()
                                    .mapToLong(Run::bytesPerDecision)
                                    .average()
                                    .orElse(-1)
                            / 1e6));
        }
        return md.toString();
    }

    private static void summaryRows(StringBuilder md, Row row) {
        for (int p : new int[] {50, 99}) {
            double[] values = percentiles(row.runs(), p);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s, %,d events: decision p%d | ≤ %.0f ms | %s ms | %s |%n",
                    row.workload().shape(),
                    row.workload().events(),
                    p,
                    TARGET_MILLIS,
                    Stats.spread(values, 3),
                    Stats.median(values) <= TARGET_MILLIS ? "met" : "**missed**"));
        }
    }

    private static double[] percentiles(List<Run> runs, double p) {
        return runs.stream()
                .mapToDouble(r -> Stats.percentileMillis(r.nanos(), p))
                .toArray();
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

    /** What {@code nproc} prints, or "n/a" where it cannot be run. */
    private static String nproc() {
        try {
            Process p = new ProcessBuilder("nproc").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "n/a";
        } catch (IOException e) {
            return "n/a";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "n/a";
        }
    }
}
