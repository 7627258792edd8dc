package org.cpe.swf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpe.swf.store.Records.events;
import static org.cpe.swf.store.Records.open;
import static org.cpe.swf.store.Records.withCounts;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
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
        long cpuStart = cpuNanos(system);
        long start = System.nanoTime();
        run(store, "run-", BATCHES_PER_THREAD);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (cpuNanos(system) - cpuStart) / 1e9;
        long events = (long) THREADS * BATCHES_PER_THREAD * EVENTS_PER_BATCH;
        // The CPU figure (this JVM's, database included for H2) says more than the wall clock on a shared machine.
        System.out.printf(
                "Group commit into %s: %,d events in %.2f s = %,.0f events/s (%d threads, %d-event batches);"
                        + " %.1f s of this JVM's CPU on %d cores, load average %.1f%n",
                database,
                events,
                seconds,
                events / seconds,
                THREADS,
                EVENTS_PER_BATCH,
                cpuSeconds,
                system.getAvailableProcessors(),
                system.getSystemLoadAverage());
        assertThat(store.history("run-0")).hasSize(BATCHES_PER_THREAD * EVENTS_PER_BATCH);
    }

    private static long cpuNanos(OperatingSystemMXBean system) {
        return system instanceof com.sun.management.OperatingSystemMXBean process ? process.getProcessCpuTime() : 0;
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
