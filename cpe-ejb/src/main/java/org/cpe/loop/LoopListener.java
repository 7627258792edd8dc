package org.cpe.loop;

import java.time.Duration;

/** What a {@link PollLoop} reports about itself: a role's status implements it for health and the API. */
public interface LoopListener {

    void running();

    void progressed();

    void backingOff(Throwable cause, Duration delay);

    void stopped();

    void failed(Throwable cause);

    /** Every loop of the role waits at its {@link PauseGate}: an operator paused it. */
    default void paused() {}

    /** A loop of the paused role goes on. */
    default void resumed() {}
}
