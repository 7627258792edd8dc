package org.cpe.activitypoller;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import org.cpe.activity.ActivityReasons;
import org.cpe.activity.access.OutboundPolicy;
import org.cpe.activity.access.StorageRoots;
import org.cpe.activitypoller.ActivityCatalog.Implementation;
import org.cpe.client.ClientDefinition;
import org.cpe.config.ActivityPollerSettings;
import org.cpe.config.ActivityPollerSettings.TypeSettings;
import org.cpe.loop.LoopSpec;
import org.cpe.loop.PollCycle;
import org.cpe.metrics.CpeMetrics;
import org.cpe.notices.ClientNotifier;
import org.cpe.notices.Outbox;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;

/**
 * The ActivityPoller's runtime, put together: the loops to run (a {@link TaskListPoller} per poller of each of the
 * {@link TaskLists}, and the senders of the client messages), the {@link TaskDispatcher} that runs the tasks they take,
 * the state for the workers view, and the graceful stop. Plain Java, so that tests run it without a container; the
 * role bean gives it the container's thread factory.
 */
public final class ActivityWorker {

    private static final int OUTBOX_CAPACITY = 10_000;

    /** One selected activity type and where and how it runs. */
    public record TypePlan(Implementation implementation, TypeSettings settings) {}

    /**
     * A task list as the workers view shows it: its types, its slots ({@code inUse} by running tasks and by the polls
     * in flight, since a poll holds its slot, and {@code free}), the tasks {@code running} from it, and its last
     * successful poll.
     */
    public record TaskListState(
            String taskList,
            List<String> types,
            int slots,
            int inUse,
            int free,
            int running,
            Instant lastSuccessfulPoll) {}

    private final SwfClient swf;
    private final String domain;
    private final List<TypePlan> plans;
    private final TaskLists taskLists;
    private final Outbox outbox;
    private final Registration registration;
    private final TaskDispatcher dispatcher;
    private final String identity;

    public ActivityWorker(
            SwfClient swf,
            SqsClient sqs,
            String domain,
            ActivityPollerSettings settings,
            List<ClientDefinition> clients,
            List<TypePlan> plans,
            ThreadFactory threads) {
        this(swf, sqs, domain, settings, clients, plans, threads, new ProgressBoard(), Outbox.DEFAULT_LANES);
    }

    /**
     * @param board where the running tasks' latest reports are kept for status queries
     * @param noticeSenders the lanes of the outbox of client messages, each with its sender loop
     *     ({@code cpe.sqs.senders})
     */
    public ActivityWorker(
            SwfClient swf,
            SqsClient sqs,
            String domain,
            ActivityPollerSettings settings,
            List<ClientDefinition> clients,
            List<TypePlan> plans,
            ThreadFactory threads,
            ProgressBoard board,
            int noticeSenders) {
        this.swf = swf;
        this.domain = domain;
        this.plans = List.copyOf(plans);
        ActivityCatalog catalog = ActivityCatalog.of(plans.stream()
                .map(p -> new ActivityCatalog.Discovered(
                        p.implementation().implementationClass(),
                        p.implementation().activity()))
                .toList());
        this.taskLists = new TaskLists(this.plans);
        this.outbox = new Outbox(sqs, OUTBOX_CAPACITY, noticeSenders);
        this.registration = new Registration(swf, domain, plans);
        this.identity =
                "cpe-activity-poller@" + ManagementFactory.getRuntimeMXBean().getName();
        this.dispatcher = new TaskDispatcher(
                swf,
                domain,
                settings,
                catalog,
                registration,
                new ActivityMessages(new ClientNotifier(sqs, outbox, clients), board),
                new WorkerThreads(taskLists.totalSlots(), threads),
                identity);
    }

    /** The loops to run: each task list's pollers, then the sender of the client messages. */
    public List<LoopSpec> loops() {
        List<LoopSpec> loops = new ArrayList<>();
        for (TaskLists.TaskList list : taskLists.all()) {
            for (int i = 1; i <= list.pollers(); i++) {
                String name = "activity-poller-" + list.name() + (list.pollers() == 1 ? "" : "-" + i);
                loops.add(LoopSpec.polling(name, new TaskListPoller(swf, this, domain, list.name(), list.slots())));
            }
        }
        List<PollCycle> senders = outbox.senders();
        for (int i = 0; i < senders.size(); i++) {
            loops.add(LoopSpec.delivering("activity-notices-" + (i + 1), senders.get(i)));
        }
        return loops;
    }

    /** The types this worker runs, for logs and health: {@code Checksum 1 on Checksum-1 (8 slots)}. */
    public String describe() {
        if (plans.isEmpty()) {
            return "none";
        }
        List<String> types = new ArrayList<>();
        for (TypePlan plan : plans) {
            types.add(plan.implementation() + " on " + plan.settings().taskList() + " ("
                    + plan.settings().slots() + " slots)");
        }
        return String.join(", ", types);
    }

    /** Each task list this worker polls, now. */
    public List<TaskListState> taskListStates() {
        return taskLists.states(dispatcher.running().snapshot());
    }

    /** Tasks running now. */
    public int runningTasks() {
        return dispatcher.running().size();
    }

    /**
     * What the tasks' input may make activities touch: the folders of {@code file:} locations and the addresses URLs
     * may reach. Until set, no file and only public addresses.
     */
    public void jobAccess(StorageRoots roots, OutboundPolicy outbound) {
        dispatcher.jobAccess(JobAccess.of(roots, outbound));
    }

    /** Where the worker counts its polls and tasks; nothing is counted until set. */
    public void metrics(CpeMetrics value) {
        dispatcher.metrics(value);
    }

    /**
     * Stops taking tasks, gives the running ones up to {@code grace} to end, then answers the rest as failed with
     * {@value ActivityReasons#WORKER_SHUTDOWN}, so that they are retried at once rather than after a timeout, and
     * interrupts them. The pollers' loops are stopped by their owner.
     */
    public void shutdown(Duration grace) {
        dispatcher.shutdown(grace);
    }

    // --- for the pollers ---------------------------------------------------------------------------------------

    /** A poll of {@code taskList} was answered (with a task or empty). */
    void polled(String taskList) {
        taskLists.polled(taskList);
    }

    void ensureRegistered() {
        registration.ensureRegistered();
    }

    boolean closing() {
        return dispatcher.closing();
    }

    String identity() {
        return identity;
    }

    CpeMetrics metrics() {
        return dispatcher.metrics();
    }

    /** Runs a polled task on a task thread; its slot is released once the task is answered. */
    void dispatch(PollForActivityTaskResponse polled, Semaphore slots) {
        dispatcher.dispatch(polled, slots);
    }
}
