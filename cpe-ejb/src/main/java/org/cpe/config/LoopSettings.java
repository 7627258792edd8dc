package org.cpe.config;

import java.time.Duration;

/**
 * How the roles' poll loops back off after errors, how long a stopping role waits for work in flight, and how long
 * a loop may go without progress before liveness reports it stalled.
 */
public record LoopSettings(
        Duration initialBackoff, Duration maxBackoff, Duration shutdownTimeout, Duration stallThreshold) {

    static LoopSettings read(ConfigReader reader) {
        Duration initial = reader.millis("cpe.loop.backoff-initial-ms", 1, 600_000);
        Duration max = reader.millis("cpe.loop.backoff-max-ms", 1, 3_600_000);
        if (max.compareTo(initial) < 0) {
            reader.problem(
                    "cpe.loop.backoff-max-ms",
                    Long.toString(max.toMillis()),
                    "is smaller than cpe.loop.backoff-initial-ms (" + initial.toMillis() + ")",
                    "a number of milliseconds at least cpe.loop.backoff-initial-ms");
        }
        return new LoopSettings(
                initial,
                max,
                reader.seconds("cpe.shutdown.timeout-seconds", 0, 300),
                reader.seconds("cpe.health.stall-seconds", 1, 86_400));
    }
}
