package org.cpe.loop;

import java.time.Duration;

/**
 * The turn of a poller role whose work is not built yet: it waits a second (cut short by a stop) and reports
 * progress, so the loop, its health and its shutdown are real while the role has nothing to poll.
 */
public final class IdleCycle implements PollCycle {

    private static final Duration TURN = Duration.ofSeconds(1);

    @Override
    public void pollOnce(StopSignal stop) {
        stop.await(TURN);
    }
}
