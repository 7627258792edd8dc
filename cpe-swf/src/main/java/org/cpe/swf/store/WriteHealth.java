package org.cpe.swf.store;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the writer's database takes writes: why not while it does not, told to a listener when that changes, and
 * the pause before the next attempt. Changed by the writer thread only; read from any.
 */
final class WriteHealth {

    private static final Logger LOG = Logger.getLogger(WriteHealth.class.getName());

    private final Backoff backoff = new Backoff(Backoff.FIRST, Backoff.LAST);
    private volatile String failure;
    private volatile Consumer<Optional<String>> listener = f -> {};

    /** Why writes fail, while they do. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    boolean failing() {
        return failure != null;
    }

    /** Replaces the listener told of each change; it runs on the writer's thread and must return quickly. */
    void onChange(Consumer<Optional<String>> listener) {
        this.listener = listener;
    }

    /** An attempt failed: logs the first failure of a run of them with {@code warning}, and tells the listener. */
    void failed(Exception e, String warning) {
        boolean first = failure == null;
        if (first) {
            LOG.log(Level.WARNING, warning, e);
        }
        failure = SqlFailures.describe(e);
        if (first) {
            notifyListener();
        }
    }

    /** An attempt succeeded: ends a run of failures, and the backoff starts again from its first pause. */
    void succeeded() {
        if (failure != null) {
            LOG.info("SWF store writes succeed again after: " + failure);
            failure = null;
            notifyListener();
        }
        backoff.reset();
    }

    /** The pause before the next retry; each one doubles the next. */
    Duration nextPause() {
        return backoff.next();
    }

    private void notifyListener() {
        try {
            listener.accept(Optional.ofNullable(failure));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The SWF store's failure listener failed", e);
        }
    }
}
