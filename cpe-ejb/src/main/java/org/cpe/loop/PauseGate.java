package org.cpe.loop;

import java.time.Duration;

/**
 * Holds a role's poll loops between two turns while an operator has paused the role: no loop starts a new poll until
 * it is resumed, and the turn in flight when the pause came finishes. The role reports itself paused once all its
 * loops wait here, and running again as soon as the first leaves.
 */
public final class PauseGate {

    private static final Duration CHECK = Duration.ofMillis(100);

    private volatile boolean paused;
    private int loops;
    private int waiting;

    /** How many loops pass this gate; set before they start. */
    public synchronized void loops(int count) {
        this.loops = count;
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    public boolean isPaused() {
        return paused;
    }

    /** Called by a loop between turns: waits while paused (until resumed or stopped). */
    void pass(StopSignal stop, LoopListener listener) {
        if (!paused || stop.isTriggered()) {
            return;
        }
        arrive(listener);
        try {
            while (paused && !stop.isTriggered()) {
                stop.await(CHECK);
            }
        } finally {
            leave(listener, stop.isTriggered());
        }
    }

    private synchronized void arrive(LoopListener listener) {
        waiting++;
        if (waiting >= loops) {
            listener.paused();
        }
    }

    private synchronized void leave(LoopListener listener, boolean stopping) {
        boolean wasAllPaused = waiting >= loops;
        waiting--;
        if (wasAllPaused && !stopping) {
            listener.resumed();
        }
    }
}
