package org.cpe.decider.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Daemon threads that repeat a turn until stopped, for tests that run the roles' work without a container. */
public final class TestLoops {

    /** One turn of a loop. */
    public interface Turn {
        void run() throws Exception;
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    /** Starts a thread that runs {@code turn} until {@link #stop}; a turn's failure is printed, not fatal. */
    public void start(String name, Turn turn) {
        Thread t = new Thread(
                () -> {
                    while (running.get()) {
                        try {
                            turn.run();
                        } catch (Exception e) {
                            if (running.get()) {
                                e.printStackTrace();
                            }
                        }
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    public boolean running() {
        return running.get();
    }

    /** Tells every loop to stop after its turn, without waiting. */
    public void signalStop() {
        running.set(false);
    }

    /** Lets every loop finish its turn, waiting up to {@code millis} for each. */
    public void stop(long millis) throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(millis);
        }
    }
}
