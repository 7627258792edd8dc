package org.cpe.roles;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.InvalidConfigurationException;

/**
 * Stops the whole server's roles in order: every poller is asked to stop at once, all of them get one shared
 * {@code cpe.shutdown.timeout-seconds} for their work in flight, then the embedded services stop.
 *
 * <p>Payara Micro does not call EJB {@code @PreDestroy} methods when its process is stopped (payara/Payara#4573),
 * but it does destroy the web context; the web module's listener calls {@link #stopAll()} from there. Every stop is
 * idempotent, so on servers that also call {@code @PreDestroy} nothing stops twice.
 */
@ApplicationScoped
public class ServerLifecycle {

    private static final Logger LOG = Logger.getLogger(ServerLifecycle.class.getName());

    @Inject
    CpeConfiguration configuration;

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
        List<PollingRole> pollers = List.of(inputPoller, decider, activityPoller);
        pollers.forEach(PollingRole::requestStop);
        Instant deadline = Instant.now().plus(shutdownTimeout());
        for (PollingRole poller : pollers) {
            Duration left = Duration.between(Instant.now(), deadline);
            poller.awaitStopped(left.isNegative() ? Duration.ZERO : left);
        }
        embeddedSqs.stop();
        embeddedSwf.stop();
        embeddedS3.stop();
        LOG.info("CPE roles stopped");
    }

    private Duration shutdownTimeout() {
        try {
            return configuration.settings().loops().shutdownTimeout();
        } catch (InvalidConfigurationException e) {
            return Duration.ZERO;
        }
    }
}
