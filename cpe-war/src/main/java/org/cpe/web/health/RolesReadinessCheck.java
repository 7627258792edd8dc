package org.cpe.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.cpe.config.CpeSettings;
import org.cpe.config.Role;
import org.cpe.lifecycle.RoleHealth;
import org.cpe.lifecycle.RoleSnapshot;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: UP when every enabled role is running. */
@Readiness
@ApplicationScoped
public class RolesReadinessCheck extends RolesHealthCheck {

    @Override
    RoleHealth.Verdict verdict(CpeSettings settings, Set<Role> enabled, List<RoleSnapshot> roles) {
        return RoleHealth.readiness(enabled, roles);
    }
}
