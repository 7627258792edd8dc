package org.cpe.swf.store;

import java.time.Duration;

/**
 * The pause before retrying a failed write: doubling from a first to a last value, back to the first after a
 * success. No jitter: the store has a single writer, nobody to fall into step with.
 */
final class Backoff {

    static final Duration FIRST = Duration.ofMillis(100);
    static final Duration LAST = Duration.ofSeconds(5);

    private final Duration first;
    private final Duration last;
    private Duration next;

    Backoff(Duration first, Duration last) {
        if (first.isNegative() || first.isZero() || last.compareTo(first) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < first <= last, not " + first + " and " + last);
        }
        this.first = first;
        this.last = last;
        this.next = first;
    }

    /** The pause before the next retry; each call doubles the following one up to the last value. */
    Duration next() {
        Duration pause = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(last) > 0 ? last : doubled;
        return pause;
    }

    void reset() {
        next = first;
    }
}
