package org.cpe.embedded.swf;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.CpeSettings;
import org.cpe.config.Role;
import org.cpe.lifecycle.RoleRegistry;
import org.cpe.lifecycle.RoleStatus;
import org.cpe.lifecycle.StartupAbort;
import org.cpe.loop.LoopListener;

/**
 * The embedded-swf role's lifecycle: opens the workflow database and resumes its open executions before the
 * pollers start, and stops it after them. It starts synchronously, because a database that cannot be opened must
 * stop startup rather than leave pollers with no service behind them.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@DependsOn("StartupGuard")
public class EmbeddedSwfRole {

    private static final Logger LOG = Logger.getLogger(EmbeddedSwfRole.class.getName());

    @Inject
    CpeConfiguration configuration;

    @Inject
    RoleRegistry registry;

    @Inject
    EmbeddedSwfService service;

    private boolean started;

    @PostConstruct
    void start() {
        CpeSettings settings = configuration.settings();
        RoleStatus status = registry.status(Role.EMBEDDED_SWF);
        if (!settings.roles().isEnabled(Role.EMBEDDED_SWF)) {
            status.disabled();
            return;
        }
        status.starting();
        String database = settings.embeddedSwf().displayUrl(settings.dataDir());
        try {
            service.start(settings);
            started = true;
            status.detail("database", database);
            status.detail("endpoint", "/swf");
            status.detail("openExecutions", Integer.toString(service.engine().openExecutions()));
            status.running();
            watchDatabase(status);
            LOG.info(() -> "Embedded SWF service running on " + database + " with "
                    + service.engine().openExecutions() + " open executions");
        } catch (RuntimeException e) {
            status.failed(e);
            throw StartupAbort.abort(
                    "The embedded SWF service could not open its database " + database + ": " + e.getMessage(),
                    e,
                    configuration.exitOnFailure());
        }
    }

    /**
     * While the database cannot be reached or written, the role backs off (readiness DOWN, the cause in health and
     * {@code /api/workers}); calls wait meanwhile and are written in order once it is back.
     */
    private void watchDatabase(RoleStatus status) {
        LoopListener database = status.loop("database");
        service.watchStore(failure -> failure.ifPresentOrElse(
                cause -> database.backingOff(new DatabaseUnavailable(cause), Duration.ZERO), database::progressed));
    }

    /** Why the embedded SWF service waits: its database fails. */
    static final class DatabaseUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DatabaseUnavailable(String cause) {
            super(
                    "the workflow database cannot be reached or written; calls wait until it is back: " + cause,
                    null,
                    false,
                    false);
        }
    }

    /** Stops the embedded SWF service; idempotent. Called by {@link org.cpe.server.ServerLifecycle} and at undeploy. */
    @PreDestroy
    public synchronized void stop() {
        if (started) {
            registry.status(Role.EMBEDDED_SWF).stopping();
            service.stop();
            registry.status(Role.EMBEDDED_SWF).stopped();
            started = false;
        }
    }
}
