package org.cpe.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.InvalidConfigurationException;
import org.cpe.config.Role;
import org.cpe.lifecycle.RoleHealth;
import org.cpe.lifecycle.RoleRegistry;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Startup: UP when every enabled role has started (configuration valid, loops submitted, services bound). */
@Startup
@ApplicationScoped
public class RolesStartupCheck implements HealthCheck {

    @Inject
    CpeConfiguration configuration;

    @Inject
    RoleRegistry registry;

    @Override
    public HealthCheckResponse call() {
        try {
            return RoleHealthResponses.of("cpe-roles", RoleHealth.startup(enabled(), registry.snapshot()));
        } catch (InvalidConfigurationException e) {
            return HealthCheckResponse.named("cpe-roles")
                    .down()
                    .withData("configuration", e.getMessage())
                    .build();
        }
    }

    private Set<Role> enabled() {
        return configuration.settings().roles().enabled();
    }
}
