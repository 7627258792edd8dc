package org.cpe.web.health;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.CpeSettings;
import org.cpe.config.InvalidConfigurationException;
import org.cpe.config.Role;
import org.cpe.lifecycle.RoleHealth;
import org.cpe.lifecycle.RoleRegistry;
import org.cpe.lifecycle.RoleSnapshot;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * A probe over the roles' states: the subclass picks the verdict; the response, named {@code cpe-roles}, carries
 * each role's state as data. An invalid configuration is reported DOWN with its message.
 */
abstract class RolesHealthCheck implements HealthCheck {

    static final String NAME = "cpe-roles";

    @Inject
    CpeConfiguration configuration;

    @Inject
    RoleRegistry registry;

    abstract RoleHealth.Verdict verdict(CpeSettings settings, Set<Role> enabled, List<RoleSnapshot> roles);

    @Override
    public HealthCheckResponse call() {
        CpeSettings settings;
        try {
            settings = configuration.settings();
        } catch (InvalidConfigurationException e) {
            return HealthCheckResponse.named(NAME)
                    .down()
                    .withData("configuration", e.getMessage())
                    .build();
        }
        RoleHealth.Verdict verdict = verdict(settings, settings.roles().enabled(), registry.snapshot());
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME).status(verdict.up());
        verdict.data().forEach(builder::withData);
        return builder.build();
    }
}
