package org.cpe.lifecycle;

import java.time.Instant;
import java.util.Map;
import org.cpe.config.Role;

/** One role's state at one moment, for health checks, the API and logs. */
public record RoleSnapshot(
        Role role,
        RoleState state,
        Instant since,
        Instant lastProgress,
        String lastError,
        Map<String, String> details) {

    public RoleSnapshot {
        details = Map.copyOf(details);
    }
}
