package org.cpe.web.health;

import org.cpe.lifecycle.RoleHealth;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** Turns a {@link RoleHealth.Verdict} into a health response whose data names each role and its state. */
final class RoleHealthResponses {

    private RoleHealthResponses() {}

    static HealthCheckResponse of(String name, RoleHealth.Verdict verdict) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name).status(verdict.up());
        verdict.data().forEach(builder::withData);
        return builder.build();
    }
}
