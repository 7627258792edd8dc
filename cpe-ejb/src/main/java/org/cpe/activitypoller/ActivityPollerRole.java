package org.cpe.activitypoller;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.cpe.activity.Activity;
import org.cpe.activity.access.StorageRoots;
import org.cpe.config.ConfigReader;
import org.cpe.config.CpeSettings;
import org.cpe.config.Role;
import org.cpe.lifecycle.PollingRole;
import org.cpe.lifecycle.RoleStatus;
import org.cpe.lifecycle.StartupAbort;
import org.cpe.loop.LoopSpec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * The activity-poller role: runs the activity implementations deployed with the application (CDI beans with
 * {@code @ActivityType}) that {@code cpe.activity-poller.types} selects. Two classes declaring one type, or a
 * selected type that is not deployed, fail the deployment with a message naming them. On stop, running tasks get the
 * shutdown time, then the rest are failed with {@code WORKER_SHUTDOWN}.
 *
 * <p>Depends on the embedded services so that they start before it and stop after it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@DependsOn({"StartupGuard", "EmbeddedSqsRole", "EmbeddedSwfRole", "EmbeddedS3Role"})
public class ActivityPollerRole extends PollingRole {

    private static final Logger LOG = Logger.getLogger(ActivityPollerRole.class.getName());
    /** Of the stop's time, what is kept for the loops after the tasks' grace. */
    private static final Duration LOOP_RESERVE = Duration.ofSeconds(1);

    @Inject
    @Any
    Instance<Activity> activities;

    // @Resource, not @Inject, as for the executor: the container's thread factory gives task threads its context.
    @Resource
    ManagedThreadFactory threads;

    @Inject
    SwfClient swf;

    @Inject
    ProgressBoard board;

    @Inject
    SqsClient sqs;

    private volatile ActivityWorker worker;

    @Override
    protected Role role() {
        return Role.ACTIVITY_POLLER;
    }

    /** Each task list's pollers, which pause with the role, and the senders of the running tasks' messages. */
    @Override
    protected List<LoopSpec> loops(CpeSettings settings, RoleStatus status) {
        try {
            ActivityCatalog selected = discover().select(settings.activityPoller());
            ConfigReader reader = configuration.reader();
            List<ActivityWorker.TypePlan> plans = new ArrayList<>();
            for (ActivityCatalog.Implementation implementation : selected.all()) {
                plans.add(new ActivityWorker.TypePlan(
                        implementation,
                        settings.activityPoller().forType(reader, implementation.name(), implementation.version())));
            }
            reader.throwIfInvalid();
            worker = new ActivityWorker(
                    swf,
                    sqs,
                    settings.decider().domain(),
                    settings.activityPoller(),
                    settings.clients().clients(),
                    plans,
                    threads,
                    board,
                    settings.sqs().senders());
            worker.metrics(metrics());
            worker.jobAccess(settings.jobAccess().roots(), settings.jobAccess().outbound());
            makeWritableRoots(settings.jobAccess().roots());
        } catch (RuntimeException e) {
            throw StartupAbort.abort(
                    "CPE failed to start the activity poller: " + e.getMessage(), e, configuration.exitOnFailure());
        }
        status.detail("activities", worker.describe());
        LOG.info(() -> "Activity poller runs " + worker.describe() + "; jobs' files under "
                + settings.jobAccess().roots() + ", their URLs to "
                + settings.jobAccess().outbound());
        return worker.loops();
    }

    /** Makes the folders jobs may write to when they are missing, such as the default one under the data folder. */
    private static void makeWritableRoots(StorageRoots roots) {
        for (StorageRoots.Root root : roots.roots()) {
            if (root.access() != StorageRoots.Access.READ && !Files.isDirectory(root.folder())) {
                try {
                    // Only a missing root: an existing one is the operator's, modes and all.
                    ownerOnlyFolder(root.folder());
                } catch (IOException e) {
                    LOG.warning(() -> "The storage root " + root + " cannot be made (" + e + "); jobs that write there"
                            + " fail until it exists");
                }
            }
        }
    }

    /** Makes the folder and its missing parents, {@code rwx------} where the file system has POSIX modes. */
    private static void ownerOnlyFolder(Path folder) throws IOException {
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(
                    folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(folder);
        }
    }

    private ActivityCatalog discover() {
        List<ActivityCatalog.Discovered> found = new ArrayList<>();
        for (Instance.Handle<Activity> handle : activities.handles()) {
            found.add(new ActivityCatalog.Discovered(handle.getBean().getBeanClass(), handle.get()));
        }
        return ActivityCatalog.of(found);
    }

    /** The worker of this server, while the role runs. */
    public Optional<ActivityWorker> worker() {
        return Optional.ofNullable(worker);
    }

    /**
     * Lets the running tasks end within most of {@code timeout} (failing the rest), then stops the loops with what is
     * left, so that the message sender still sends the last messages.
     */
    @Override
    public synchronized void awaitStopped(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ActivityWorker current = worker;
        if (current != null) {
            Duration reserve = timeout.dividedBy(5).compareTo(LOOP_RESERVE) < 0 ? timeout.dividedBy(5) : LOOP_RESERVE;
            current.shutdown(timeout.minus(reserve));
            worker = null;
        }
        super.awaitStopped(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
}
