package org.cpe.loop;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Tells a loop, and anything it waits on, to stop; waiting on it returns at once when stop is requested. */
public final class StopSignal {

    private final CountDownLatch stopped = new CountDownLatch(1);

    public void trigger() {
        stopped.countDown();
    }

    public boolean isTriggered() {
        return stopped.getCount() == 0;
    }

    /** Waits up to {@code timeout}; true when stop was requested. An interrupt counts as a stop request. */
    public boolean await(Duration timeout) {
        try {
            return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            trigger();
            return true;
        }
    }
}
