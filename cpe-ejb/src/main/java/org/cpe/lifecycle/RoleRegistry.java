package org.cpe.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.cpe.config.Role;

/** Every role's {@link RoleStatus} in this server, whether the role is enabled or not. */
@ApplicationScoped
public class RoleRegistry {

    private final Map<Role, RoleStatus> statuses = new EnumMap<>(Role.class);

    public RoleRegistry() {
        this(Clock.systemUTC());
    }

    RoleRegistry(Clock clock) {
        Arrays.stream(Role.values()).forEach(role -> statuses.put(role, new RoleStatus(role, clock)));
    }

    public RoleStatus status(Role role) {
        return statuses.get(role);
    }

    public List<RoleSnapshot> snapshot() {
        return statuses.values().stream().map(RoleStatus::snapshot).toList();
    }
}
