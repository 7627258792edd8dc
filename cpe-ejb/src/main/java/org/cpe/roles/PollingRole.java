package org.cpe.roles;

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
import org.cpe.lifecycle.RoleRegistry;
import org.cpe.lifecycle.RoleStatus;
import org.cpe.loop.Backoff;
import org.cpe.loop.LoopHandle;
import org.cpe.loop.PauseGate;
import org.cpe.loop.PollCycle;
import org.cpe.loop.PollLoop;
import org.cpe.metrics.CpeMetrics;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.swf.SwfClient;

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

    /** One loop's work, built once per loop and start. */
    protected abstract PollCycle cycle(CpeSettings settings);

    /** The work of loop {@code index} (from 0) of {@link #loopCount}; by default every loop does {@link #cycle}. */
    protected PollCycle cycle(CpeSettings settings, int index) {
        return cycle(settings);
    }

    /** The name loop {@code index} logs and reports under. */
    protected String loopName(int index, int count) {
        return count == 1 ? role().configName() : role().configName() + "-" + (index + 1);
    }

    /** How many loops the role runs side by side; each gets its own {@link #cycle}. */
    protected int loopCount(CpeSettings settings) {
        return 1;
    }

    /** Where the role's loops count and time their work: MicroProfile Metrics when the server has it. */
    protected CpeMetrics metrics() {
        return metricsBean.isResolvable() ? metricsBean.get() : CpeMetrics.NONE;
    }

    /**
     * Whether loop {@code index} waits while the role is paused: the loops that poll for work do; those that deliver
     * what running work produced (notices) go on.
     */
    protected boolean pausable(int index, int count) {
        return true;
    }

    /** Runs before the loops are built, to load what they share and report it on the role's status. */
    protected void prepare(CpeSettings settings, RoleStatus status) {}

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
        prepare(settings, status);
        int count = loopCount(settings);
        int pausable = 0;
        for (int i = 0; i < count; i++) {
            pausable += pausable(i, count) ? 1 : 0;
        }
        gate.loops(pausable);
        for (int i = 0; i < count; i++) {
            loops.add(LoopHandle.submit(
                    executor,
                    new PollLoop(
                            loopName(i, count),
                            cycle(settings, i),
                            backoff,
                            status.loop(loopName(i, count)),
                            pausable(i, count) ? gate : null)));
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
