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
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : reader.list(KEY)) {
            Role.fromConfigName(name)
                    .ifPresentOrElse(
                            roles::add,
                            () -> reader.problem(
                                    KEY, reader.optional(KEY).orElse(""), "unknown role '" + name + "'", allowed));
        }
        if (roles.isEmpty()
                && reader.optional(KEY).isPresent()
                && reader.problems().isEmpty()) {
            reader.problem(KEY, reader.optional(KEY).orElse(""), "names no role", allowed);
        }
        return new RolesSettings(roles);
    }
}
