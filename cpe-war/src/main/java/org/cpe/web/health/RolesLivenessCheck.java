package org.cpe.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.cpe.config.CpeSettings;
import org.cpe.config.Role;
import org.cpe.lifecycle.RoleHealth;
import org.cpe.lifecycle.RoleSnapshot;
import org.eclipse.microprofile.health.Liveness;

/** Liveness: UP when no enabled role has failed and no poll loop has stalled. */
@Liveness
@ApplicationScoped
public class RolesLivenessCheck extends RolesHealthCheck {

    @Override
    RoleHealth.Verdict verdict(CpeSettings settings, Set<Role> enabled, List<RoleSnapshot> roles) {
        return RoleHealth.liveness(
                enabled, roles, Instant.now(), settings.loops().stallThreshold());
    }
}
