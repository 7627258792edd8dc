package org.cpe.decider.plan;

import java.time.Duration;
import java.util.Set;

/**
 * How often a step's activity is tried and how long to wait between tries (with SWF timers): the n-th retry waits
 * {@code initialInterval * backoffCoefficient^(n-1)}, at most {@code maximumInterval}. A failure whose reason is in
 * {@code nonRetryableReasons} is final at once.
 */
public record RetryPolicy(
        int maximumAttempts,
        Duration initialInterval,
        double backoffCoefficient,
        Duration maximumInterval,
        Set<String> nonRetryableReasons) {

    /** The original CPE's behaviour: one attempt. */
    public static final RetryPolicy NONE =
            new RetryPolicy(1, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(100), Set.of());

    public RetryPolicy {
        nonRetryableReasons = Set.copyOf(nonRetryableReasons);
    }

    /** Whether a failure of attempt {@code attempt} (1-based) with {@code reason} leads to another attempt. */
    public boolean retries(int attempt, String reason) {
        return attempt < maximumAttempts && !nonRetryableReasons.contains(reason);
    }

    /** The wait before attempt {@code nextAttempt} (2 or more). */
    public Duration delayBefore(int nextAttempt) {
        double seconds = initialInterval.toMillis() / 1000.0 * Math.pow(backoffCoefficient, nextAttempt - 2);
        double capped = Math.min(seconds, maximumInterval.toMillis() / 1000.0);
        return Duration.ofMillis(Math.round(capped * 1000));
    }
}
