package org.cpe.embedded.s3;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.CpeSettings;
import org.cpe.config.Role;
import org.cpe.lifecycle.RoleRegistry;
import org.cpe.lifecycle.RoleStatus;
import org.cpe.lifecycle.StartupAbort;

/**
 * The embedded-s3 role's lifecycle: opens the object store and makes the configured buckets before the pollers start.
 * A store that cannot be opened stops startup, as a database would.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@DependsOn("StartupGuard")
public class EmbeddedS3Role {

    private static final Logger LOG = Logger.getLogger(EmbeddedS3Role.class.getName());

    @Inject
    CpeConfiguration configuration;

    @Inject
    RoleRegistry registry;

    @Inject
    EmbeddedS3Service service;

    private boolean started;

    @PostConstruct
    void start() {
        CpeSettings settings = configuration.settings();
        RoleStatus status = registry.status(Role.EMBEDDED_S3);
        if (!settings.roles().isEnabled(Role.EMBEDDED_S3)) {
            status.disabled();
            return;
        }
        status.starting();
        String folder = EmbeddedS3Service.folder(settings).toString();
        try {
            List<String> made = service.start(settings);
            started = true;
            status.detail("folder", folder);
            status.detail("endpoint", "/s3");
            status.detail("buckets", String.join(",", settings.embeddedS3().buckets()));
            status.running();
            LOG.info(() -> "Embedded S3 store running in " + folder + (made.isEmpty() ? "" : "; made buckets " + made));
        } catch (RuntimeException e) {
            status.failed(e);
            throw StartupAbort.abort(
                    "The embedded S3 store could not open " + folder + ": " + e.getMessage(),
                    e,
                    configuration.exitOnFailure());
        }
    }

    /** Stops serving the store; idempotent. */
    @PreDestroy
    public synchronized void stop() {
        if (started) {
            registry.status(Role.EMBEDDED_S3).stopping();
            service.stop();
            registry.status(Role.EMBEDDED_S3).stopped();
            started = false;
        }
    }
}
