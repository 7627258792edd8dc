package org.cpe.activitypoller;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.cpe.activity.ActivityReasons;
import org.cpe.activity.ActivityType;
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
 * The ActivityPoller's runtime: the task lists it polls with their slots, the threads its tasks run on, the
 * heartbeats, the client messages, and the graceful stop. Plain Java, so that tests run it without a container; the
 * role bean gives it the container's thread factory.
 */
public final class ActivityWorker {

    private static final Logger LOG = Logger.getLogger(ActivityWorker.class.getName());
    /** Heartbeat calls block until SWF has them durable; more threads let a busy worker's calls overlap. */
    private static final int MIN_HEARTBEAT_THREADS = 2;

    private static final int MAX_HEARTBEAT_THREADS = 16;
    private static final int SLOTS_PER_HEARTBEAT_THREAD = 64;
    private static final int OUTBOX_CAPACITY = 10_000;

    private static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofMillis(100);

    /** One selected activity type and where and how it runs. */
    private volatile CpeMetrics metrics = CpeMetrics.NONE;

    private volatile JobAccess access = JobAccess.NONE;

    private final Map<String, Instant> lastPolls = new ConcurrentHashMap<>();

    public record TypePlan(Implementation implementation, TypeSettings settings) {}

    /** A task list and the slots its tasks share. */
    record TaskList(String name, Semaphore slots, int capacity, int pollers) {}

    private final SwfClient swf;
    private final String domain;
    private final ActivityPollerSettings settings;
    private final List<TypePlan> plans;
    private final ActivityCatalog catalog;
    private final Map<String, TaskList> taskLists = new LinkedHashMap<>();
    private final Outbox outbox;
    private final ActivityMessages messages;
    private final JobRoutes routes;
    private final ScheduledTimeouts timeouts;
    private final TaskRunner runner;
    private final Answers answers;
    private final Heartbeats heartbeats;
    private final ThreadPoolExecutor executor;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Registration registration;
    private final Set<RunningTask> running = ConcurrentHashMap.newKeySet();
    private final String identity;
    private volatile boolean closing;

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
        this.settings = settings;
        this.plans = List.copyOf(plans);
        this.catalog = ActivityCatalog.of(plans.stream()
                .map(p -> new ActivityCatalog.Discovered(
                        p.implementation().implementationClass(),
                        p.implementation().activity()))
                .toList());
        int totalSlots = 0;
        for (TypePlan plan : plans) {
            TypeSettings type = plan.settings();
            TaskList earlier = taskLists.get(type.taskList());
            int capacity = type.slots() + (earlier == null ? 0 : earlier.capacity());
            int pollers = Math.max(type.pollers(), earlier == null ? 0 : earlier.pollers());
            taskLists.put(type.taskList(), new TaskList(type.taskList(), new Semaphore(capacity), capacity, pollers));
            totalSlots += type.slots();
        }
        this.outbox = new Outbox(sqs, OUTBOX_CAPACITY, noticeSenders);
        this.messages = new ActivityMessages(new ClientNotifier(sqs, outbox, clients), board);
        this.routes = new JobRoutes(swf, domain);
        this.timeouts = new ScheduledTimeouts(swf, domain);
        this.runner = new TaskRunner(catalog);
        this.answers = new Answers(swf, messages);
        this.executor = new ThreadPoolExecutor(
                Math.max(1, totalSlots),
                Math.max(1, totalSlots),
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                threads);
        executor.allowCoreThreadTimeOut(true);
        this.scheduler = new ScheduledThreadPoolExecutor(
                Math.max(
                        MIN_HEARTBEAT_THREADS,
                        Math.min(MAX_HEARTBEAT_THREADS, totalSlots / SLOTS_PER_HEARTBEAT_THREAD)),
                threads);
        scheduler.setRemoveOnCancelPolicy(true);
        this.heartbeats = new Heartbeats(swf, scheduler, domain, settings.progressSignalPercent());
        this.registration = new Registration(swf, domain, plans);
        this.identity =
                "cpe-activity-poller@" + ManagementFactory.getRuntimeMXBean().getName();
    }

    /** The loops to run: each task list's pollers, then the sender of the client messages. */
    public List<LoopSpec> loops() {
        List<LoopSpec> loops = new ArrayList<>();
        for (TaskList list : taskLists.values()) {
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

    /** Each task list this worker polls, now. */
    public List<TaskListState> taskListStates() {
        List<TaskListState> states = new ArrayList<>();
        for (TaskList list : taskLists.values()) {
            List<String> types = plans.stream()
                    .filter(p -> p.settings().taskList().equals(list.name()))
                    .map(p ->
                            p.implementation().name() + ":" + p.implementation().version())
                    .toList();
            int free = list.slots().availablePermits();
            int runningHere = (int) running.stream()
                    .filter(t -> types.contains(t.activityName() + ":" + t.activityVersion()))
                    .count();
            states.add(new TaskListState(
                    list.name(),
                    types,
                    list.capacity(),
                    list.capacity() - free,
                    free,
                    runningHere,
                    lastPolls.get(list.name())));
        }
        return states;
    }

    /** A poll of {@code taskList} was answered (with a task or empty). */
    void polled(String taskList) {
        lastPolls.put(taskList, Instant.now());
    }

    /** Tasks running now. */
    public int runningTasks() {
        return running.size();
    }

    void ensureRegistered() {
        registration.ensureRegistered();
    }

    boolean closing() {
        return closing;
    }

    String identity() {
        return identity;
    }

    /** Runs a polled task on a worker thread; its slot is released once the task is answered. */
    void dispatch(PollForActivityTaskResponse polled, Semaphore slots) {
        Implementation implementation = catalog.find(
                        polled.activityType().name(), polled.activityType().version())
                .orElse(null);
        ActivityType declaration = implementation == null ? null : implementation.declaration();
        boolean manual = declaration != null && declaration.heartbeats() == ActivityType.Heartbeats.MANUAL;
        long heartbeatTimeout = implementation == null
                ? Long.MAX_VALUE
                : timeouts.heartbeatTimeoutNanos(polled, registration.heartbeatTimeoutNanos(implementation));
        RunningTask task = new RunningTask(
                polled,
                routes.route(
                        polled.workflowExecution().workflowId(),
                        polled.workflowExecution().runId(),
                        polled.input()),
                messages,
                manual,
                heartbeatTimeout,
                settings.progressInterval().toNanos(),
                access);
        running.add(task);
        try {
            if (closing) {
                answers.answer(task, shutdownReply(task));
                end(task, slots);
                return;
            }
            ScheduledFuture<?> beats =
                    implementation == null ? null : heartbeats.start(task, heartbeatInterval(heartbeatTimeout));
            String type = task.activityName() + ":" + task.activityVersion();
            executor.execute(() -> {
                long started = System.nanoTime();
                try {
                    TaskReply reply = runner.run(task, implementation);
                    if (beats != null) {
                        beats.cancel(false);
                    }
                    answers.answer(task, reply);
                    metrics.activityEnded(type, outcome(reply), Duration.ofNanos(System.nanoTime() - started));
                } finally {
                    end(task, slots);
                }
            });
        } catch (RejectedExecutionException e) {
            answers.answer(task, shutdownReply(task));
            end(task, slots);
        }
    }

    private static String outcome(TaskReply reply) {
        if (reply instanceof TaskReply.Completed) {
            return "completed";
        }
        return reply instanceof TaskReply.Canceled ? "canceled" : "failed";
    }

    /**
     * What the tasks' input may make activities touch: the folders of {@code file:} locations and the addresses URLs
     * may reach. Until set, no file and only public addresses.
     */
    public void jobAccess(StorageRoots roots, OutboundPolicy outbound) {
        this.access = JobAccess.of(roots, outbound);
    }

    /** Where the worker counts its polls and tasks; nothing is counted until set. */
    public void metrics(CpeMetrics value) {
        this.metrics = value;
    }

    CpeMetrics metrics() {
        return metrics;
    }

    private void end(RunningTask task, Semaphore slots) {
        running.remove(task);
        slots.release();
        synchronized (running) {
            running.notifyAll();
        }
    }

    /** A third of the task's heartbeat timeout, at most the configured interval, at least 100 ms. */
    private Duration heartbeatInterval(long timeout) {
        Duration third = timeout == Long.MAX_VALUE ? settings.heartbeatInterval() : Duration.ofNanos(timeout / 3);
        Duration interval = third.compareTo(settings.heartbeatInterval()) < 0 ? third : settings.heartbeatInterval();
        return interval.compareTo(MIN_HEARTBEAT_INTERVAL) < 0 ? MIN_HEARTBEAT_INTERVAL : interval;
    }

    /**
     * Stops taking tasks, gives the running ones up to {@code grace} to end, then answers the rest as failed with
     * {@value ActivityReasons#WORKER_SHUTDOWN}, so that they are retried at once rather than after a timeout, and
     * interrupts them. The pollers' loops are stopped by their owner.
     */
    public void shutdown(Duration grace) {
        closing = true;
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (running) {
            while (!running.isEmpty() && System.nanoTime() < deadline) {
                try {
                    running.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        List<RunningTask> left = new ArrayList<>(running);
        for (RunningTask task : left) {
            answers.answer(task, shutdownReply(task));
            task.requestCancel();
        }
        if (!left.isEmpty()) {
            LOG.info(() -> left.size() + " task(s) still running at shutdown were failed with "
                    + ActivityReasons.WORKER_SHUTDOWN);
        }
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    private TaskReply shutdownReply(RunningTask task) {
        return new TaskReply.Failed(
                ActivityReasons.WORKER_SHUTDOWN,
                "Worker " + identity + " stopped after the task ran "
                        + TimeUnit.NANOSECONDS.toMillis(task.runningNanos()) + " ms; it can be retried at once");
    }
}
