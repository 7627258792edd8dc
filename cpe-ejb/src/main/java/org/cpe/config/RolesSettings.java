package org.cpe.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Which roles this server runs ({@code cpe.roles}). */
public record RolesSettings(Set<Role> enabled) {

    public static final String KEY = "cpe.roles";

    public RolesSettings {
        enabled = Collections.unmodifiableSet(enabled.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(enabled));
    }

    public boolean isEnabled(Role role) {
        return enabled.contains(role);
    }

    public boolean anyPoller() {
        return enabled.stream().anyMatch(Role::isPoller);
    }

    static RolesSettings read(ConfigReader reader) {
        String allowed = "a comma list of " + Role.allowedNames();
        String value = reader.optional(KEY).orElse("");
        Set<Role> roles = EnumSet.noneOf(Role.class);
        boolean unknown = false;
        for (String name : reader.list(KEY)) {
            var role = Role.fromConfigName(name);
            if (role.isPresent()) {
                roles.add(role.get());
            } else {
                unknown = true;
                reader.problem(KEY, value, "unknown role '" + name + "'", allowed);
            }
        }
        if (roles.isEmpty() && !unknown && !value.isEmpty()) {
            reader.problem(KEY, value, "names no role", allowed);
        }
        return new RolesSettings(roles);
    }
}
