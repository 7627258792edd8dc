package org.cpe.roles;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.CpeSettings;
import org.cpe.config.Role;
import org.cpe.lifecycle.RoleRegistry;
import org.cpe.lifecycle.RoleStatus;
import org.cpe.loop.Backoff;
import org.cpe.loop.LoopHandle;
import org.cpe.loop.PollCycle;
import org.cpe.loop.PollLoop;

/**
 * The lifecycle shell shared by the poller roles: when the role is enabled it submits one {@link PollLoop} to the
 * container's managed executor and returns; on undeploy it stops the loop, waiting at most
 * {@code cpe.shutdown.timeout-seconds} for the turn in flight.
 */
public abstract class PollingRole {

    private static final Logger LOG = Logger.getLogger(PollingRole.class.getName());

    // @Resource, not @Inject: Payara 6 has no CDI bean for ManagedExecutorService.
    @Resource
    ManagedExecutorService executor;

    @Inject
    CpeConfiguration configuration;

    @Inject
    RoleRegistry registry;

    private LoopHandle loop;

    /** The role this bean runs. */
    protected abstract Role role();

    /** The loop's work, built once per start. */
    protected abstract PollCycle cycle(CpeSettings settings);

    @PostConstruct
    void start() {
        CpeSettings settings = configuration.settings();
        RoleStatus status = registry.status(role());
        if (!settings.roles().isEnabled(role())) {
            status.disabled();
            return;
        }
        status.starting();
        Backoff backoff =
                new Backoff(settings.loops().initialBackoff(), settings.loops().maxBackoff());
        loop = LoopHandle.submit(executor, new PollLoop(role().configName(), cycle(settings), backoff, status));
        LOG.info(() -> "Role " + role().configName() + " started");
    }

    /** Asks the loop to stop after its turn in flight; returns at once. Idempotent. */
    public synchronized void requestStop() {
        if (loop != null) {
            registry.status(role()).stopping();
            loop.requestStop();
        }
    }

    /** Waits up to {@code timeout} for the loop to end, then interrupts it. Idempotent. */
    public synchronized void awaitStopped(Duration timeout) {
        if (loop == null) {
            return;
        }
        boolean clean = loop.stop(timeout);
        loop = null;
        LOG.info(() -> "Role " + role().configName() + " stopped" + (clean ? "" : " (its loop was interrupted)"));
    }

    @PreDestroy
    void stop() {
        requestStop();
        awaitStopped(configuration.settings().loops().shutdownTimeout());
    }
}
