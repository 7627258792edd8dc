package org.cpe.embedded.sqs;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.logging.Logger;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.CpeSettings;
import org.cpe.config.Role;
import org.cpe.lifecycle.RoleRegistry;
import org.cpe.lifecycle.RoleStatus;
import org.cpe.lifecycle.StartupAbort;

/**
 * The embedded-sqs role's lifecycle: starts ElasticMQ and creates the configured queues before the pollers start,
 * and stops it after them. It starts synchronously, because a port clash must stop startup rather than leave a
 * stack whose pollers have no queues; ElasticMQ binds in about two seconds.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@DependsOn("StartupGuard")
public class EmbeddedSqsRole {

    private static final Logger LOG = Logger.getLogger(EmbeddedSqsRole.class.getName());

    @Inject
    CpeConfiguration configuration;

    @Inject
    RoleRegistry registry;

    @Inject
    EmbeddedSqsService service;

    private boolean started;

    @PostConstruct
    void start() {
        CpeSettings settings = configuration.settings();
        RoleStatus status = registry.status(Role.EMBEDDED_SQS);
        if (!settings.roles().isEnabled(Role.EMBEDDED_SQS)) {
            status.disabled();
            return;
        }
        status.starting();
        try {
            Map<String, String> queues = service.start(settings);
            started = true;
            status.detail("endpoint", service.endpoint().toString());
            status.detail("queues", String.join(", ", queues.keySet()));
            status.running();
            LOG.info(() -> "Embedded SQS listening at " + service.endpoint() + " with queues " + queues.keySet());
        } catch (RuntimeException e) {
            status.failed(e);
            throw StartupAbort.abort(
                    "The embedded SQS could not start: " + e.getMessage(), e, configuration.exitOnFailure());
        }
    }

    /** Stops the embedded SQS; idempotent. Called by {@link org.cpe.server.ServerLifecycle} and at undeploy. */
    @PreDestroy
    public synchronized void stop() {
        if (started) {
            registry.status(Role.EMBEDDED_SQS).stopping();
            service.stop();
            registry.status(Role.EMBEDDED_SQS).stopped();
            started = false;
        }
    }
}
