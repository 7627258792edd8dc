package org.cpe.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cpe.config.Role;

/**
 * Turns the roles' states into the three health verdicts, as a pure function of (enabled roles, snapshots, now).
 *
 * <ul>
 *   <li>startup: every enabled role has started (loop submitted, service bound);
 *   <li>liveness: no enabled role has failed, and no started poll loop has gone longer than the stall threshold
 *       without progress;
 *   <li>readiness: every enabled role is running (not starting, not backing off), or paused by an operator, which
 *       keeps the server serving its API.
 * </ul>
 *
 * The data of each verdict names every role with its state, and the cause when it is not healthy.
 */
public final class RoleHealth {

    private RoleHealth() {}

    /** A verdict and the per-role data behind it. */
    public record Verdict(boolean up, Map<String, String> data) {}

    public static Verdict startup(Set<Role> enabled, List<RoleSnapshot> roles) {
        return verdict(enabled, roles, s -> s.state().hasStarted() || s.state() == RoleState.STOPPING);
    }

    public static Verdict liveness(Set<Role> enabled, List<RoleSnapshot> roles, Instant now, Duration stallThreshold) {
        return verdict(enabled, roles, s -> s.state() != RoleState.FAILED && !stalled(s, now, stallThreshold));
    }

    public static Verdict readiness(Set<Role> enabled, List<RoleSnapshot> roles) {
        return verdict(enabled, roles, s -> s.state() == RoleState.RUNNING || s.state() == RoleState.PAUSED);
    }

    static boolean stalled(RoleSnapshot s, Instant now, Duration stallThreshold) {
        return s.role().isPoller()
                && s.state().hasStarted()
                && s.state() != RoleState.PAUSED
                && s.lastProgress() != null
                && Duration.between(s.lastProgress(), now).compareTo(stallThreshold) > 0;
    }

    private static Verdict verdict(
            Set<Role> enabled, List<RoleSnapshot> roles, java.util.function.Predicate<RoleSnapshot> healthy) {
        Map<String, String> data = new LinkedHashMap<>();
        boolean up = true;
        for (RoleSnapshot s : roles) {
            if (!enabled.contains(s.role())) {
                data.put(s.role().configName(), RoleState.DISABLED.name());
                continue;
            }
            boolean ok = healthy.test(s);
            up &= ok;
            String cause = ok || s.lastError() == null ? "" : " (" + s.lastError() + ")";
            data.put(s.role().configName(), s.state().name() + cause);
        }
        return new Verdict(up, data);
    }
}
