package org.cpe.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Set;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.InvalidConfigurationException;
import org.cpe.config.Role;
import org.cpe.lifecycle.RoleHealth;
import org.cpe.lifecycle.RoleRegistry;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Liveness: UP when no enabled role has failed and no poll loop has stalled. */
@Liveness
@ApplicationScoped
public class RolesLivenessCheck implements HealthCheck {

    @Inject
    CpeConfiguration configuration;

    @Inject
    RoleRegistry registry;

    @Override
    public HealthCheckResponse call() {
        try {
            return RoleHealthResponses.of(
                    "cpe-roles",
                    RoleHealth.liveness(
                            enabled(),
                            registry.snapshot(),
                            Instant.now(),
                            configuration.settings().loops().stallThreshold()));
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
