package org.cpe.swf.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.ActivityType;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.CloseStatus;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/**
 * The benchmark's workload: no-op workflows of one step or more. A start; the decider schedules one activity; the
 * worker completes it with a small result; the decider, counting ActivityTaskCompleted in the task's events, schedules
 * the next step or completes the workflow. Starters keep a bounded number of workflows in flight (closed loop). A workflow's latency runs from just
 * before its StartWorkflowExecution call to the return of the RespondDecisionTaskCompleted that completes it.
 */
final class NoopWorkflows {

    static final String DOMAIN = "bench";
    static final String DECISIONS = "decisions";
    static final String ACTIVITIES = "activities";
    static final WorkflowType WORKFLOW =
            WorkflowType.builder().name("noop").version("1").build();
    static final ActivityType ACTIVITY =
            ActivityType.builder().name("noop-activity").version("1").build();

    /** Events that mean a workflow did not run as planned; the benchmark fails if a decider sees one. */
    private static final Set<EventType> UNEXPECTED = Set.of(
            EventType.ACTIVITY_TASK_FAILED,
            EventType.ACTIVITY_TASK_TIMED_OUT,
            EventType.ACTIVITY_TASK_CANCELED,
            EventType.SCHEDULE_ACTIVITY_TASK_FAILED,
            EventType.DECISION_TASK_TIMED_OUT,
            EventType.COMPLETE_WORKFLOW_EXECUTION_FAILED);

    /** How a closed-loop run is shaped; {@code steps} activities run one after the other in each workflow. */
    record Shape(
            int starters,
            int deciders,
            int workers,
            int inFlight,
            double warmupSeconds,
            double measureSeconds,
            double drainLimitSeconds,
            int steps) {

        Shape {
            if (steps < 1) {
                throw new IllegalArgumentException("A workflow needs at least one step, not " + steps);
            }
        }

        /** The same shape with {@code n} sequential steps per workflow. */
        Shape withSteps(int n) {
            return new Shape(
                    starters, deciders, workers, inFlight, warmupSeconds, measureSeconds, drainLimitSeconds, n);
        }
    }

    /** What one closed-loop run measured, and what it counted for the correctness check. */
    record Result(
            double workflowsPerSecond,
            long completedInWindow,
            double windowSeconds,
            long[] latenciesNanos,
            long started,
            long completed,
            double cpuSeconds,
            double callerCpuSeconds,
            double writerCpuSeconds,
            double otherProcessesCpuSeconds,
            double loadBefore,
            double loadAfter) {}

    private NoopWorkflows() {}

    /** Registers the domain and both types, with defaults so that a start names only the id and the type. */
    static void register(SwfClient swf) {
        swf.registerDomain(r -> r.name(DOMAIN).workflowExecutionRetentionPeriodInDays("1"));
        swf.registerWorkflowType(r -> r.domain(DOMAIN)
                .name(WORKFLOW.name())
                .version(WORKFLOW.version())
                .defaultTaskList(t -> t.name(DECISIONS))
                .defaultExecutionStartToCloseTimeout("3600")
                .defaultTaskStartToCloseTimeout("60")
                .defaultChildPolicy(ChildPolicy.TERMINATE));
        swf.registerActivityType(r -> r.domain(DOMAIN)
                .name(ACTIVITY.name())
                .version(ACTIVITY.version())
                .defaultTaskList(t -> t.name(ACTIVITIES))
                .defaultTaskScheduleToStartTimeout("300")
                .defaultTaskScheduleToCloseTimeout("600")
                .defaultTaskStartToCloseTimeout("300")
                .defaultTaskHeartbeatTimeout("NONE"));
    }

    static void start(SwfClient swf, String workflowId) {
        swf.startWorkflowExecution(r ->
                r.domain(DOMAIN).workflowId(workflowId).workflowType(WORKFLOW).input("in"));
    }

    /** Starts a workflow on a decision task list of its own that nobody polls, so that it stays open. */
    static void startUnpolled(SwfClient swf, String workflowId, String taskList) {
        swf.startWorkflowExecution(r -> r.domain(DOMAIN)
                .workflowId(workflowId)
                .workflowType(WORKFLOW)
                .taskList(t -> t.name(taskList))
                .input("in"));
    }

    static PollForDecisionTaskResponse pollDecision(SwfClient swf, String identity) {
        return swf.pollForDecisionTask(
                r -> r.domain(DOMAIN).taskList(t -> t.name(DECISIONS)).identity(identity));
    }

    static Decision scheduleActivity(int step) {
        return Decision.builder()
                .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                .scheduleActivityTaskDecisionAttributes(
                        a -> a.activityType(ACTIVITY).activityId("a" + step).input("x"))
                .build();
    }

    static Decision completeWorkflow() {
        return Decision.builder()
                .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
                .completeWorkflowExecutionDecisionAttributes(a -> a.result("done"))
                .build();
    }

    /**
     * Decides from the task's events (the whole history: a 10-step one has fewer events than a page):
     * CompleteWorkflowExecution once {@code steps} ActivityTaskCompleted events are among them, else ScheduleActivityTask
     * of the next step. True when it completed the workflow.
     */
    static boolean decide(SwfClient swf, PollForDecisionTaskResponse task, int steps) {
        if (task.nextPageToken() != null && !task.nextPageToken().isEmpty()) {
            throw new IllegalStateException("The benchmark's decider reads one page of history, and "
                    + task.workflowExecution().workflowId() + " has more");
        }
        int done = 0;
        for (HistoryEvent event : task.events()) {
            if (UNEXPECTED.contains(event.eventType())) {
                throw new IllegalStateException("Workflow "
                        + task.workflowExecution().workflowId() + " had " + event.eventType() + ": " + event);
            }
            if (event.eventType() == EventType.ACTIVITY_TASK_COMPLETED) {
                done++;
            }
        }
        boolean complete = done >= steps;
        Decision decision = complete ? completeWorkflow() : scheduleActivity(done + 1);
        swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(decision));
        return complete;
    }

    /** How many workflows of the domain closed as completed, counted by the store. */
    static int countCompleted(SwfClient swf) {
        var count = swf.countClosedWorkflowExecutions(r -> r.domain(DOMAIN)
                .startTimeFilter(f -> f.oldestDate(Instant.EPOCH))
                .closeStatusFilter(f -> f.status(CloseStatus.COMPLETED)));
        if (Boolean.TRUE.equals(count.truncated())) {
            throw new IllegalStateException("The count of closed executions came back truncated: " + count);
        }
        return count.count();
    }

    /**
     * Runs the closed loop: warm-up, a measured window, then no more starts and a drain until every started
     * workflow has completed. Throws when a workflow fails, a call throws, or the drain does not finish.
     */
    static Result run(SwfClient swf, Shape shape, String idPrefix) throws InterruptedException {
        Loop loop = new Loop(swf, shape, idPrefix);
        return loop.run();
    }

    private static final class Loop {
        private final SwfClient swf;
        private final Shape shape;
        private final String idPrefix;
        private final Semaphore inFlight;
        private final Map<String, Long> startNanos = new ConcurrentHashMap<>();
        private final AtomicLong sequence = new AtomicLong();
        private final AtomicLong started = new AtomicLong();
        private final AtomicLong completed = new AtomicLong();
        private final AtomicLong completedInWindow = new AtomicLong();
        private final ConcurrentLinkedQueue<long[]> latencyChunks = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        private volatile boolean measuring;
        private volatile boolean starting = true;
        private volatile boolean polling = true;

        Loop(SwfClient swf, Shape shape, String idPrefix) {
            this.swf = swf;
            this.shape = shape;
            this.idPrefix = idPrefix;
            this.inFlight = new Semaphore(shape.inFlight());
        }

        Result run() throws InterruptedException {
            List<Thread> starters = new ArrayList<>();
            List<Thread> pollers = new ArrayList<>();
            for (int i = 0; i < shape.deciders(); i++) {
                pollers.add(thread("bench-decider-" + i, this::decider));
            }
            for (int i = 0; i < shape.workers(); i++) {
                String identity = "worker-" + i;
                pollers.add(thread("bench-worker-" + i, () -> worker(identity)));
            }
            for (int i = 0; i < shape.starters(); i++) {
                starters.add(thread("bench-starter-" + i, this::starter));
            }
            List<Thread> callers = new ArrayList<>(pollers);
            callers.addAll(starters);
            sleepUnlessFailed(shape.warmupSeconds());
            double loadBefore = Machine.loadAverage();
            long cpuBefore = Machine.processCpuNanos();
            long machineBefore = Machine.machineBusyNanos();
            long callerCpuBefore = Machine.threadCpuNanos(callers);
            long writerCpuBefore = Machine.threadCpuNanos(Machine.threadsNamed(STORE_WRITER));
            long windowStart = System.nanoTime();
            measuring = true;
            sleepUnlessFailed(shape.measureSeconds());
            measuring = false;
            long windowEnd = System.nanoTime();
            long cpuAfter = Machine.processCpuNanos();
            long machineAfter = Machine.machineBusyNanos();
            long callerCpuAfter = Machine.threadCpuNanos(callers);
            long writerCpuAfter = Machine.threadCpuNanos(Machine.threadsNamed(STORE_WRITER));
            double loadAfter = Machine.loadAverage();

            starting = false;
            for (Thread starter : starters) {
                starter.join();
            }
            long drainDeadline = System.nanoTime() + (long) (shape.drainLimitSeconds() * 1e9);
            while (completed.get() < started.get() && failures.isEmpty() && System.nanoTime() < drainDeadline) {
                Thread.sleep(10);
            }
            polling = false;
            for (Thread poller : pollers) {
                poller.join();
            }
            if (!failures.isEmpty()) {
                IllegalStateException failed = new IllegalStateException(
                        failures.size() + " benchmark call(s) failed; the first: " + failures.peek(), failures.peek());
                failures.stream().skip(1).limit(5).forEach(failed::addSuppressed);
                throw failed;
            }
            if (completed.get() != started.get() || !startNanos.isEmpty()) {
                throw new IllegalStateException("Only " + completed.get() + " of " + started.get()
                        + " started workflows completed within " + shape.drainLimitSeconds() + " s of the last start ("
                        + startNanos.size() + " still open)");
            }
            double windowSeconds = (windowEnd - windowStart) / 1e9;
            long[] latencies = latencyChunks.stream()
                    .flatMapToLong(java.util.Arrays::stream)
                    .toArray();
            return new Result(
                    completedInWindow.get() / windowSeconds,
                    completedInWindow.get(),
                    windowSeconds,
                    latencies,
                    started.get(),
                    completed.get(),
                    (cpuAfter - cpuBefore) / 1e9,
                    (callerCpuAfter - callerCpuBefore) / 1e9,
                    (writerCpuAfter - writerCpuBefore) / 1e9,
                    Machine.otherProcessesSeconds(machineBefore, machineAfter, cpuBefore, cpuAfter),
                    loadBefore,
                    loadAfter);
        }

        private void sleepUnlessFailed(double seconds) throws InterruptedException {
            long until = System.nanoTime() + (long) (seconds * 1e9);
            long left;
            while ((left = until - System.nanoTime()) > 0 && failures.isEmpty()) {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, 50_000_000L));
            }
        }

        private Thread thread(String name, Runnable body) {
            Thread thread = new Thread(
                    () -> {
                        try {
                            body.run();
                        } catch (Throwable t) {
                            failures.add(t);
                            starting = false;
                        }
                    },
                    name);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        private void starter() {
            try {
                while (starting) {
                    if (!inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    if (!starting) {
                        inFlight.release();
                        break;
                    }
                    String workflowId = idPrefix + sequence.incrementAndGet();
                    startNanos.put(workflowId, System.nanoTime());
                    start(swf, workflowId);
                    started.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void decider() {
            String identity = Thread.currentThread().getName();
            // Each decider keeps its own samples, handed over in chunks: no shared lock on the hot path.
            long[] chunk = new long[1024];
            int n = 0;
            while (polling) {
                PollForDecisionTaskResponse task = pollDecision(swf, identity);
                if (task.taskToken() == null || task.taskToken().isEmpty()) {
                    continue;
                }
                if (!decide(swf, task, shape.steps())) {
                    continue;
                }
                long done = System.nanoTime();
                String workflowId = task.workflowExecution().workflowId();
                Long begun = startNanos.remove(workflowId);
                if (begun == null) {
                    throw new IllegalStateException("Completed a workflow nobody started: " + workflowId);
                }
                completed.incrementAndGet();
                inFlight.release();
                if (measuring) {
                    completedInWindow.incrementAndGet();
                    chunk[n++] = done - begun;
                    if (n == chunk.length) {
                        latencyChunks.add(chunk);
                        chunk = new long[chunk.length];
                        n = 0;
                    }
                }
            }
            latencyChunks.add(java.util.Arrays.copyOf(chunk, n));
        }

        private void worker(String identity) {
            while (polling) {
                PollForActivityTaskResponse task = swf.pollForActivityTask(
                        r -> r.domain(DOMAIN).taskList(t -> t.name(ACTIVITIES)).identity(identity));
                if (task.taskToken() == null || task.taskToken().isEmpty()) {
                    continue;
                }
                swf.respondActivityTaskCompleted(
                        r -> r.taskToken(task.taskToken()).result("ok"));
            }
        }
    }

    /** The store's group-commit thread, as the engine names it: its CPU time shows whether it is the bottleneck. */
    static final String STORE_WRITER = "cpe-swf-store-writer";

    /** What the machine was doing: for the results, since the benchmark shares its two cores. */
    static final class Machine {
        private Machine() {}

        /** The CPU time the threads have used so far (a thread that ended counts nothing). */
        static long threadCpuNanos(List<Thread> threads) {
            var mx = ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (Thread t : threads) {
                long cpu = mx.getThreadCpuTime(t.getId());
                sum += Math.max(0, cpu);
            }
            return sum;
        }

        /**
         * The CPU time all processes of the machine have used so far (user, nice, system, irq, softirq and steal
         * from {@code /proc/stat}), or -1 where there is no such file.
         */
        static long machineBusyNanos() {
            try {
                String[] cpu = java.nio.file.Files.readAllLines(java.nio.file.Paths.get("/proc/stat"))
                        .get(0)
                        .trim()
                        .split("\\s+");
                long ticks = 0;
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                    ticks += Long.parseLong(cpu[i]);
                }
                return ticks * 10_000_000L; // USER_HZ is 100 on Linux
            } catch (java.io.IOException | RuntimeException e) {
                return -1;
            }
        }

        /** Seconds of CPU other processes used between the two readings; NaN when the machine's is not known. */
        static double otherProcessesSeconds(long machineBefore, long machineAfter, long ownBefore, long ownAfter) {
            if (machineBefore < 0 || machineAfter < 0) {
                return Double.NaN;
            }
            return Math.max(0, (machineAfter - machineBefore) - (ownAfter - ownBefore)) / 1e9;
        }

        static List<Thread> threadsNamed(String name) {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(name))
                    .toList();
        }

        static double loadAverage() {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }

        static long processCpuNanos() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime()
                    : 0;
        }
    }
}
