package org.cpe.server;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Logger;
import org.cpe.activitypoller.ActivityPollerRole;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.InvalidConfigurationException;
import org.cpe.config.Role;
import org.cpe.decider.runtime.DeciderRole;
import org.cpe.embedded.s3.EmbeddedS3Role;
import org.cpe.embedded.sqs.EmbeddedSqsRole;
import org.cpe.embedded.swf.EmbeddedSwfRole;
import org.cpe.inputpoller.InputPollerRole;
import org.cpe.lifecycle.PollingRole;
import org.cpe.lifecycle.RoleRegistry;

/**
 * Stops the whole server's roles in order: every poller is asked to stop at once, all of them get one shared
 * {@code cpe.shutdown.timeout-seconds} for their work in flight, then the embedded services stop.
 *
 * <p>Payara Micro does not call EJB {@code @PreDestroy} methods when its process is stopped (payara/Payara#4573),
 * but it does destroy the web context; the web module's listener calls {@link #stopAll()} from there. Every stop is
 * idempotent, so on servers that also call {@code @PreDestroy} nothing stops twice.
 *
 * <p>Only roles whose bean has started are called. WildFly holds a call to a singleton until the singleton has started,
 * which for a deployment that failed before or in it is never: calling it would hang the undeploy and the server's
 * shutdown.
 */
@ApplicationScoped
public class ServerLifecycle {

    private static final Logger LOG = Logger.getLogger(ServerLifecycle.class.getName());

    @Inject
    CpeConfiguration configuration;

    @Inject
    RoleRegistry registry;

    @Inject
    InputPollerRole inputPoller;

    @Inject
    DeciderRole decider;

    @Inject
    ActivityPollerRole activityPoller;

    @Inject
    EmbeddedSqsRole embeddedSqs;

    @Inject
    EmbeddedSwfRole embeddedSwf;

    @Inject
    EmbeddedS3Role embeddedS3;

    public void stopAll() {
        Map<Role, PollingRole> pollers = new EnumMap<>(Role.class);
        pollers.put(Role.INPUT_POLLER, inputPoller);
        pollers.put(Role.DECIDER, decider);
        pollers.put(Role.ACTIVITY_POLLER, activityPoller);
        pollers.keySet().removeIf(role -> !started(role));
        pollers.forEach((role, poller) -> call(role, poller::requestStop));
        Instant deadline = Instant.now().plus(shutdownTimeout());
        pollers.forEach((role, poller) -> {
            Duration left = Duration.between(Instant.now(), deadline);
            call(role, () -> poller.awaitStopped(left.isNegative() ? Duration.ZERO : left));
        });
        if (started(Role.EMBEDDED_SQS)) {
            call(Role.EMBEDDED_SQS, embeddedSqs::stop);
        }
        if (started(Role.EMBEDDED_SWF)) {
            call(Role.EMBEDDED_SWF, embeddedSwf::stop);
        }
        if (started(Role.EMBEDDED_S3)) {
            call(Role.EMBEDDED_S3, embeddedS3::stop);
        }
        LOG.info("CPE roles stopped");
    }

    private boolean started(Role role) {
        return registry.status(role).snapshot().state().hasStarted();
    }

    /**
     * Runs one role's stop. WildFly refuses calls to a bean it is stopping (an EJBException, or its
     * ComponentIsStoppedException, an IllegalStateException); the bean's {@code @PreDestroy} stops the role then.
     */
    private static void call(Role role, Runnable stop) {
        try {
            stop.run();
        } catch (EJBException | IllegalStateException e) {
            LOG.info(() -> "The container stops " + role.configName() + " itself: " + e);
        }
    }

    private Duration shutdownTimeout() {
        try {
            return configuration.settings().loops().shutdownTimeout();
        } catch (InvalidConfigurationException e) {
            return Duration.ZERO;
        }
    }
}
