package org.cpe.swf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpe.swf.store.Records.events;
import static org.cpe.swf.store.Records.open;
import static org.cpe.swf.store.Records.withCounts;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cpe.swf.store.Change.EventsAppended;
import org.cpe.swf.store.Change.ExecutionPut;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Prints how many events per second group commit writes into H2 (and PostgreSQL when configured) with 64 threads
 * each submitting 10-event batches and waiting for each, as the engine's request threads do; the target on H2 is
 * 15,000. A measurement, not a pass mark: timing depends on the machine, so it runs only when asked:
 * {@code ./mvnw -B test -pl cpe-swf -Dtest=GroupCommitThroughputTest -Dcpe.swf.measure=true}.
 */
class GroupCommitThroughputTest {

    private static final int THREADS = 64;
    private static final int BATCHES_PER_THREAD = 300;
    private static final int EVENTS_PER_BATCH = 10;

    @BeforeEach
    void onlyWhenAsked() {
        assumeTrue(Boolean.getBoolean("cpe.swf.measure"), "Throughput not measured: run with -Dcpe.swf.measure=true");
    }

    @Test
    void measuresEventsPerSecondOnH2() throws Exception {
        try (StoreFixture fixture = StoreFixture.h2()) {
            measure("H2", fixture.open());
        }
    }

    @Test
    void measuresEventsPerSecondOnPostgresql() throws Exception {
        try (StoreFixture fixture = StoreFixture.postgres()) {
            measure("PostgreSQL", fixture.open());
        }
    }

    private static void measure(String database, SwfStore store) throws Exception {
        run(store, "warm-", 30);
        OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
        long writerCpuStart = writerCpuNanos();
        long start = System.nanoTime();
        run(store, "run-", BATCHES_PER_THREAD);
        double seconds = (System.nanoTime() - start) / 1e9;
        double writerCpuSeconds = (writerCpuNanos() - writerCpuStart) / 1e9;
        long events = (long) THREADS * BATCHES_PER_THREAD * EVENTS_PER_BATCH;
        // On a shared machine the wall clock says little; events per CPU second of the single writer thread are what
        // it could write with a core of its own (H2 does its work in that thread, PostgreSQL in its server).
        System.out.printf(
                "Group commit into %s: %,d events in %.2f s = %,.0f events/s (%d threads, %d-event batches);"
                        + " writer thread %.1f CPU s = %,.0f events per writer CPU second; %d cores, load average %.1f%n",
                database,
                events,
                seconds,
                events / seconds,
                THREADS,
                EVENTS_PER_BATCH,
                writerCpuSeconds,
                events / writerCpuSeconds,
                system.getAvailableProcessors(),
                system.getSystemLoadAverage());
        assertThat(store.history("run-0")).hasSize(BATCHES_PER_THREAD * EVENTS_PER_BATCH);
    }

    private static long writerCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(GroupCommitWriter.THREAD_NAME))
                .mapToLong(thread -> threads.getThreadCpuTime(thread.getId()))
                .sum();
    }

    /**
     * Each thread drives one run as a decider would: every batch puts the run (its counts changed) and appends 10
     * events, waiting for the commit before the next.
     */
    private static void run(SwfStore store, String prefix, int batches) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String runId = prefix + t;
                threads.add(pool.submit(() -> {
                    ExecutionRecord run = open("d", runId, runId, 1);
                    start.await();
                    for (int b = 0; b < batches; b++) {
                        long first = (long) b * EVENTS_PER_BATCH + 1;
                        store.submit(List.of(
                                        new ExecutionPut(withCounts(run, b, "batch " + b)),
                                        new EventsAppended(runId, events(first, first + EVENTS_PER_BATCH - 1))))
                                .get(60, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> thread : threads) {
                thread.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
