package org.cpe.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollLoopTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    @Test
    void reportsProgressForEveryGoodTurn() {
        AtomicInteger turns = new AtomicInteger();
        LoopHandle handle = start(stop -> turns.incrementAndGet());

        await().atMost(Duration.ofSeconds(5)).until(() -> turns.get() >= 3);
        assertThat(handle.stop(Duration.ofSeconds(5))).isTrue();

        assertThat(listener.events).startsWith("running", "progressed").endsWith("stopped");
    }

    @Test
    void failedTurnBacksOffAndTheLoopRecovers() {
        AtomicInteger turns = new AtomicInteger();
        LoopHandle handle = start(stop -> {
            if (turns.incrementAndGet() <= 2) {
                throw new IllegalStateException("queue unreachable");
            }
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.contains("progressed"));
        handle.stop(Duration.ofSeconds(5));

        assertThat(listener.events)
                .containsSubsequence(
                        "running", "backingOff:queue unreachable", "backingOff:queue unreachable", "progressed");
    }

    @Test
    void stopCutsABackOffWaitShort() {
        Backoff slow = new Backoff(Duration.ofMinutes(10), Duration.ofMinutes(10));
        PollLoop loop = new PollLoop(
                "test",
                stop -> {
                    throw new IllegalStateException("down");
                },
                slow,
                listener);
        LoopHandle handle = LoopHandle.submitUnmanaged(executor, loop);
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.contains("backingOff:down"));

        assertThat(handle.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(listener.events).endsWith("stopped");
    }

    @Test
    void turnThatIgnoresTheStopIsInterruptedAfterTheTimeout() throws InterruptedException {
        CountDownLatch inTurn = new CountDownLatch(1);
        LoopHandle handle = start(stop -> {
            inTurn.countDown();
            new CountDownLatch(1).await(); // a blocking call that ignores the stop signal
        });
        inTurn.await();

        assertThat(handle.stop(Duration.ofMillis(200))).isFalse();

        await().atMost(Duration.ofSeconds(5)).until(handle::isDone);
        assertThat(listener.events).endsWith("stopped");
    }

    @Test
    void anErrorMarksTheLoopFailed() {
        LoopHandle handle = start(stop -> {
            throw new OutOfMemoryError("simulated");
        });

        await().atMost(Duration.ofSeconds(5)).until(handle::isDone);

        assertThat(listener.events).containsExactly("running", "failed:simulated");
    }

    @Test
    void aPausedLoopStopsPollingUntilResumed() {
        AtomicInteger turns = new AtomicInteger();
        PauseGate gate = new PauseGate();
        gate.loops(1);
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(20));
        LoopHandle handle = LoopHandle.submitUnmanaged(
                executor, new PollLoop("test", stop -> turns.incrementAndGet(), backoff, listener, gate));
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.get() >= 3);

        gate.pause();
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.contains("paused"));
        int atPause = turns.get();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> turns.get() == atPause);
        gate.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> turns.get() > atPause);

        assertThat(listener.events).containsSubsequence("running", "paused", "resumed");
        assertThat(handle.stop(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aPausedLoopStillStops() {
        PauseGate gate = new PauseGate();
        gate.loops(1);
        gate.pause();
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(20));
        LoopHandle handle =
                LoopHandle.submitUnmanaged(executor, new PollLoop("test", stop -> {}, backoff, listener, gate));
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.contains("paused"));

        assertThat(handle.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(listener.events).endsWith("stopped").doesNotContain("resumed");
    }

    private LoopHandle start(PollCycle cycle) {
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(20));
        return LoopHandle.submitUnmanaged(executor, new PollLoop("test", cycle, backoff, listener));
    }

    private static final class RecordingListener implements LoopListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void running() {
            events.add("running");
        }

        @Override
        public void progressed() {
            if (events.isEmpty() || !events.get(events.size() - 1).equals("progressed")) {
                events.add("progressed");
            }
        }

        @Override
        public void backingOff(Throwable cause, Duration delay) {
            events.add("backingOff:" + cause.getMessage());
        }

        @Override
        public void stopped() {
            events.add("stopped");
        }

        @Override
        public void failed(Throwable cause) {
            events.add("failed:" + cause.getMessage());
        }

        @Override
        public void paused() {
            events.add("paused");
        }

        @Override
        public void resumed() {
            events.add("resumed");
        }
    }
}
