package org.cpe.lifecycle;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.config.CpeConfiguration;
import org.cpe.config.CpeSettings;
import org.cpe.config.Role;
import org.cpe.loop.Backoff;
import org.cpe.loop.LoopHandle;
import org.cpe.loop.LoopSpec;
import org.cpe.loop.PauseGate;
import org.cpe.loop.PollLoop;
import org.cpe.metrics.CpeMetrics;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * The lifecycle shell shared by the poller roles: when the role is enabled it submits a {@link PollLoop} for each loop
 * the role declares ({@link #loops}) to the container's managed executor and returns; on undeploy it stops the loop, waiting at most
 * {@code cpe.shutdown.timeout-seconds} for the turn in flight.
 */
public abstract class PollingRole {

    private static final Logger LOG = Logger.getLogger(PollingRole.class.getName());

    // @Resource, not @Inject: Payara 6 has no CDI bean for ManagedExecutorService.
    @Resource
    ManagedExecutorService executor;

    @Inject
    protected CpeConfiguration configuration;

    @Inject
    RoleRegistry registry;

    private final List<LoopHandle> loops = new ArrayList<>();
    private final PauseGate gate = new PauseGate();

    @Inject
    Instance<CpeMetrics> metricsBean;

    @Inject
    Instance<SwfClient> swfClients;

    @Inject
    Instance<SqsClient> sqsClients;

    /** The role this bean runs. */
    protected abstract Role role();

    /**
     * The loops the role runs, built once at start: each with its name, its turn and whether pausing the role holds
     * it. Whatever they share is loaded here, and reported on the role's {@code status}.
     */
    protected abstract List<LoopSpec> loops(CpeSettings settings, RoleStatus status);

    /** Where the role's loops count and time their work: MicroProfile Metrics when the server has it. */
    protected CpeMetrics metrics() {
        return metricsBean.isResolvable() ? metricsBean.get() : CpeMetrics.NONE;
    }

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
        makeClients();
        List<LoopSpec> declared = loops(settings, status);
        gate.loops((int) declared.stream().filter(LoopSpec::pausable).count());
        for (LoopSpec loop : declared) {
            loops.add(LoopHandle.submit(
                    executor,
                    new PollLoop(
                            loop.name(),
                            loop.cycle(),
                            backoff,
                            status.loop(loop.name()),
                            loop.pausable() ? gate : null)));
        }
        LOG.info(() -> "Role " + role().configName() + " started");
    }

    /**
     * Makes the SWF and SQS clients here, in the deployment's thread, before any loop runs. Payara closes and reopens
     * the application's jars while its web module starts, which comes after the roles have started: a loop that made
     * the first client just then loaded the SDK's region metadata from a closed jar ("IllegalStateException: zip file
     * closed" in MetadataLoader's static initialiser), and that class, and so the role, stayed broken for the life of
     * the JVM (seen once in DeciderOnlyIT). A client that cannot be made is left to the loops, which report it.
     */
    private void makeClients() {
        try {
            swfClients.get().serviceName();
            sqsClients.get().serviceName();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "A client of role " + role().configName() + " cannot be made yet; its loops retry", e);
        }
    }

    /**
     * Pauses the role's polling: each loop finishes its turn in flight and then waits; what is running goes on (an
     * activity's task, its heartbeats). False when the role does not run here.
     */
    public synchronized boolean pause() {
        if (loops.isEmpty()) {
            return false;
        }
        gate.pause();
        return true;
    }

    /** Resumes the role's polling. False when the role does not run here. */
    public synchronized boolean resume() {
        if (loops.isEmpty()) {
            return false;
        }
        gate.resume();
        return true;
    }

    /** Asks the loop to stop after its turn in flight; returns at once. Idempotent. */
    public synchronized void requestStop() {
        if (!loops.isEmpty()) {
            registry.status(role()).stopping();
            loops.forEach(LoopHandle::requestStop);
        }
    }

    /** Waits up to {@code timeout} for the loop to end, then interrupts it. Idempotent. */
    public synchronized void awaitStopped(Duration timeout) {
        if (loops.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean clean = true;
        for (LoopHandle loop : loops) {
            clean &= loop.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        loops.clear();
        String how = clean ? "" : " (a loop was interrupted)";
        LOG.info(() -> "Role " + role().configName() + " stopped" + how);
    }

    @PreDestroy
    void stop() {
        requestStop();
        awaitStopped(configuration.settings().loops().shutdownTimeout());
    }
}
