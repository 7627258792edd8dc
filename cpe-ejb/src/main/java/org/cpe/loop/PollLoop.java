package org.cpe.loop;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a {@link PollCycle} until stopped: after each good turn it reports progress and resets the back-off; after
 * a failed turn it reports the cause and waits the back-off delay (cut short by a stop). An exception never ends the
 * loop; only a stop does, or an {@link Error}, which marks the loop failed.
 */
public final class PollLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(PollLoop.class.getName());

    private final String name;
    private final PollCycle cycle;
    private final Backoff backoff;
    private final LoopListener listener;
    private final PauseGate gate;
    private final StopSignal stop = new StopSignal();
    private final CountDownLatch finished = new CountDownLatch(1);

    public PollLoop(String name, PollCycle cycle, Backoff backoff, LoopListener listener) {
        this(name, cycle, backoff, listener, null);
    }

    /** A loop that waits at {@code gate} between turns while its role is paused ({@code null}: never paused). */
    public PollLoop(String name, PollCycle cycle, Backoff backoff, LoopListener listener, PauseGate gate) {
        this.name = name;
        this.cycle = cycle;
        this.backoff = backoff;
        this.listener = listener;
        this.gate = gate;
    }

    @Override
    public void run() {
        listener.running();
        try {
            while (!stop.isTriggered()) {
                if (gate != null) {
                    gate.pass(stop, listener);
                    if (stop.isTriggered()) {
                        break;
                    }
                }
                turn();
            }
            listener.stopped();
        } catch (Error e) {
            LOG.log(Level.SEVERE, "Poll loop " + name + " died", e);
            listener.failed(e);
            throw e;
        } finally {
            finished.countDown();
        }
    }

    private void turn() {
        try {
            cycle.pollOnce(stop);
            backoff.reset();
            listener.progressed();
        } catch (Exception e) {
            if (stop.isTriggered()) {
                return;
            }
            Duration delay = backoff.next();
            LOG.log(Level.WARNING, "Poll loop " + name + " failed a turn; retrying in " + delay.toMillis() + " ms", e);
            listener.backingOff(e, delay);
            stop.await(delay);
        }
    }

    /** Asks the loop to stop after its current turn; returns at once. */
    public void requestStop() {
        stop.trigger();
    }

    /** Waits up to {@code timeout} for the loop to end; true if it did. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String name() {
        return name;
    }
}
