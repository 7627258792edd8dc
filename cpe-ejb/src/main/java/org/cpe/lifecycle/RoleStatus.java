package org.cpe.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cpe.config.Role;
import org.cpe.loop.LoopListener;

/**
 * The live state of one role, written by its lifecycle bean and its loop, read by health checks. Thread-safe: every
 * field is written as a whole and read through {@link #snapshot()}.
 */
public final class RoleStatus implements LoopListener {

    private final Role role;
    private final Clock clock;
    private final Map<String, String> details = new ConcurrentHashMap<>();
    private volatile RoleState state = RoleState.NOT_STARTED;
    /** The loops backing off now, by name. */
    private final java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private volatile Instant since;
    private volatile Instant lastProgress;
    private volatile String lastError;

    RoleStatus(Role role, Clock clock) {
        this.role = role;
        this.clock = clock;
        this.since = clock.instant();
    }

    public void disabled() {
        transition(RoleState.DISABLED);
    }

    public void starting() {
        transition(RoleState.STARTING);
    }

    public void stopping() {
        transition(RoleState.STOPPING);
    }

    public void detail(String key, String value) {
        details.put(key, value);
    }

    @Override
    public void running() {
        lastProgress = clock.instant();
        transition(RoleState.RUNNING);
    }

    /**
     * The listener of one of the role's loops. The role backs off while any of its loops does: an idle loop's good
     * turns (a sender with nothing to send) must not hide a poll loop that cannot reach its service.
     */
    public LoopListener loop(String name) {
        return new LoopListener() {
            @Override
            public void running() {
                if (failing.isEmpty()) {
                    RoleStatus.this.running();
                }
            }

            @Override
            public void progressed() {
                failing.remove(name);
                if (failing.isEmpty()) {
                    RoleStatus.this.progressed();
                } else {
                    lastProgress = clock.instant();
                }
            }

            @Override
            public void backingOff(Throwable cause, Duration delay) {
                failing.add(name);
                RoleStatus.this.backingOff(cause, delay);
            }

            @Override
            public void stopped() {
                failing.remove(name);
                RoleStatus.this.stopped();
            }

            @Override
            public void failed(Throwable cause) {
                RoleStatus.this.failed(cause);
            }

            @Override
            public void paused() {
                RoleStatus.this.paused();
            }

            @Override
            public void resumed() {
                RoleStatus.this.resumed();
            }
        };
    }

    @Override
    public void progressed() {
        lastProgress = clock.instant();
        if (state == RoleState.BACKING_OFF) {
            transition(RoleState.RUNNING);
        }
    }

    @Override
    public void backingOff(Throwable cause, Duration delay) {
        lastError = describe(cause);
        transition(RoleState.BACKING_OFF);
    }

    @Override
    public void paused() {
        transition(RoleState.PAUSED);
    }

    @Override
    public void resumed() {
        lastProgress = clock.instant();
        transition(RoleState.RUNNING);
    }

    @Override
    public void stopped() {
        transition(RoleState.STOPPED);
    }

    @Override
    public void failed(Throwable cause) {
        lastError = describe(cause);
        transition(RoleState.FAILED);
    }

    public RoleSnapshot snapshot() {
        return new RoleSnapshot(role, state, since, lastProgress, lastError, details);
    }

    private void transition(RoleState next) {
        if (state != next) {
            state = next;
            since = clock.instant();
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
