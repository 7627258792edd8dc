package org.cpe.loop;

/**
 * One turn of a role's loop: poll once (a long poll is fine) and handle what came back. It returns normally when the
 * turn went well, even if nothing was there; it throws to make the loop back off. Called from one thread at a time.
 */
@FunctionalInterface
public interface PollCycle {

    void pollOnce(StopSignal stop) throws Exception;
}
