package org.cpe.roles;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.Role;
import org.cpe.lifecycle.RoleRegistry;
import org.cpe.lifecycle.RoleStatus;

/**
 * The embedded-swf role's lifecycle. The embedded SWF-compatible workflow service is not part of this build yet:
 * the role takes its place in the lifecycle (ordering, health, shutdown) and reports that it serves nothing, so that
 * the service can be started here without touching the other roles.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@DependsOn("StartupGuard")
public class EmbeddedSwfRole {

    @Inject
    CpeConfiguration configuration;

    @Inject
    RoleRegistry registry;

    @PostConstruct
    void start() {
        RoleStatus status = registry.status(Role.EMBEDDED_SWF);
        if (!configuration.settings().roles().isEnabled(Role.EMBEDDED_SWF)) {
            status.disabled();
            return;
        }
        status.starting();
        status.detail("service", "not built yet: the SWF-compatible service is not part of this build");
        status.running();
    }

    /** Stops the role; idempotent. Called by {@link ServerLifecycle} and at undeploy. */
    @PreDestroy
    public synchronized void stop() {
        RoleStatus status = registry.status(Role.EMBEDDED_SWF);
        if (status.snapshot().state().hasStarted()) {
            status.stopping();
            status.stopped();
        }
    }
}
