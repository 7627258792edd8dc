package org.cpe.swf.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import org.cpe.swf.store.Change;
import org.cpe.swf.store.ExecutionRecord;
import org.cpe.swf.store.Recovered;
import org.cpe.swf.store.SwfStore;
import software.amazon.awssdk.services.swf.model.*;

/**
 * The SWF-compatible workflow engine. Open executions live in memory, each behind its own lock; every call records
 * its events in the store and answers only once they are committed. At start it rebuilds the open executions from
 * the store and resumes their tasks, timers and timeouts. The operations are grouped in the classes it holds.
 */
public final class SwfEngine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SwfEngine.class.getName());

    final SwfStore store;
    final EngineOptions options;
    final Registry registry;
    final TaskQueues queues = new TaskQueues();
    final Timeouts timeouts = new Timeouts();
    final Executions executions = new Executions();

    final Starts starts = new Starts(this);
    final Deadlines deadlines = new Deadlines(this);
    final Outcomes outcomes = new Outcomes(this);
    final Externals externals = new Externals(this);
    final Children children = new Children(this);
    final DecisionTasks decisionTasks = new DecisionTasks(this);
    final ActivityTasks activityTasks = new ActivityTasks(this);
    final Visibility visibility = new Visibility(this);

    private SwfEngine(SwfStore store, EngineOptions options) {
        this.store = store;
        this.options = options;
        this.registry = new Registry(store);
    }

    /** An engine over the store, resumed from what the store holds. */
    public static SwfEngine start(SwfStore store, EngineOptions options) {
        SwfEngine engine = new SwfEngine(store, options);
        engine.recover();
        return engine;
    }

    private void recover() {
        Recovered recovered = store.recover();
        registry.restore(recovered.domains(), recovered.types());
        List<Execution> resumed = new ArrayList<>();
        for (Recovered.OpenExecution stored : recovered.openExecutions()) {
            Execution ex = Execution.replay(stored);
            executions.resume(ex);
            resumed.add(ex);
        }
        Work work = new Work();
        for (Execution ex : resumed) {
            synchronized (ex) {
                deadlines.rearm(ex, work);
            }
        }
        work.run();
        LOG.info(() -> "Embedded SWF resumed " + resumed.size() + " open executions in "
                + recovered.domains().size() + " domains");
    }

    public Operations operations() {
        return new Operations(this);
    }

    /** Open executions held in memory. */
    public int openExecutions() {
        return executions.openCount();
    }

    /** Why the store cannot write, while it retries; empty when healthy. */
    public java.util.Optional<String> storeFailure() {
        return store.failure();
    }

    /** Tells {@code listener} when the store starts failing and when it works again: see {@link SwfStore}. */
    public void onStoreFailureChange(java.util.function.Consumer<java.util.Optional<String>> listener) {
        store.onFailureChange(listener);
    }

    // --- shared mechanics ------------------------------------------------------------------------------------

    static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }

    /** The open execution a request names; runId optional as in SWF's signal, cancel and terminate calls. */
    Execution openExecution(String domain, String workflowId, String runId) {
        registry.domainRecord(domain);
        Check.required(workflowId, "workflowId");
        Execution ex = runId == null ? executions.openOf(domain, workflowId) : executions.open(runId);
        if (ex == null || !ex.domain.equals(domain) || !ex.id.workflowId().equals(workflowId)) {
            throw SwfFaults.unknownResource(
                    "Unknown execution: WorkflowExecution=[workflowId=" + workflowId + ", runId=" + runId + "]");
        }
        return ex;
    }

    /**
     * Runs a change of one execution under its lock, queues its events for the store, and waits until they are
     * committed; then does the work it left for other executions.
     */
    <T> T update(Execution ex, java.util.function.BiFunction<Execution, Work, T> change) {
        Work work = new Work();
        T result;
        CompletableFuture<Void> durable;
        synchronized (ex) {
            result = change.apply(ex, work);
            durable = save(ex, work);
        }
        awaitDurable(durable);
        work.run();
        return result;
    }

    /** As {@link #update}, without waiting for the commit: for deadlines, which answer nobody. */
    void updateQuietly(Execution ex, BiConsumer<Execution, Work> change) {
        Work work = new Work();
        synchronized (ex) {
            if (!ex.isOpen()) {
                return;
            }
            change.accept(ex, work);
            save(ex, work);
        }
        work.run();
    }

    /** Queues what the execution recorded since its last save; call under its lock. */
    CompletableFuture<Void> save(Execution ex, Work work) {
        if (ex.isOpen() && ex.eventCount() >= options.maxHistoryEvents() - 1) {
            outcomes.terminate(ex, work, null, null, null, WorkflowExecutionTerminatedCause.EVENT_LIMIT_EXCEEDED);
        }
        List<Change> changes = new ArrayList<>(3);
        List<HistoryEvent> events = ex.drainUnsaved();
        if (ex.pendingStart) {
            changes.add(new Change.ExecutionPut(record(ex)));
            ex.pendingStart = false;
        }
        if (!events.isEmpty()) {
            changes.add(new Change.EventsAppended(ex.runId(), events));
        }
        changes.addAll(ex.drainHeartbeats());
        boolean closing = !ex.isOpen() && executions.closing(ex);
        if (closing) {
            changes.add(new Change.ExecutionPut(record(ex)));
        }
        if (changes.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> durable = store.submit(changes);
        if (closing) {
            durable.whenComplete((ok, failure) -> executions.closeCommitted(ex));
        }
        return durable;
    }

    static void awaitDurable(CompletableFuture<Void> durable) {
        try {
            durable.join();
        } catch (CompletionException e) {
            throw new IllegalStateException(
                    "The workflow service could not record the change: "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    ExecutionRecord record(Execution ex) {
        WorkflowExecutionStartedEventAttributes s = ex.start;
        WorkflowExecutionInfo info = WorkflowExecutionInfo.builder()
                .execution(ex.id)
                .workflowType(ex.type)
                .startTimestamp(ex.startedAt)
                .closeTimestamp(ex.closedAt)
                .executionStatus(ex.status)
                .closeStatus(ex.closeStatus)
                .parent(s.parentWorkflowExecution())
                .tagList(s.hasTagList() ? s.tagList() : null)
                .cancelRequested(ex.cancelRequested)
                .build();
        WorkflowExecutionConfiguration configuration = WorkflowExecutionConfiguration.builder()
                .taskStartToCloseTimeout(s.taskStartToCloseTimeout())
                .executionStartToCloseTimeout(s.executionStartToCloseTimeout())
                .taskList(s.taskList())
                .taskPriority(s.taskPriority())
                .childPolicy(s.childPolicy())
                .lambdaRole(s.lambdaRole())
                .build();
        return new ExecutionRecord(
                ex.domain,
                info,
                configuration,
                ex.openCounts(),
                ex.latestActivityTaskTimestamp,
                ex.latestExecutionContext);
    }

    /** Schedules a decision task unless one is already scheduled or started; call under the lock. */
    void needDecision(Execution ex) {
        if (!ex.isOpen() || ex.decisionScheduledId != 0) {
            return;
        }
        WorkflowExecutionStartedEventAttributes s = ex.start;
        HistoryEvent scheduled = ex.record(
                EventType.DECISION_TASK_SCHEDULED,
                now(),
                b -> b.decisionTaskScheduledEventAttributes(a -> a.taskList(s.taskList())
                        .taskPriority(s.taskPriority())
                        .startToCloseTimeout(s.taskStartToCloseTimeout())));
        offerDecision(ex, scheduled.eventId());
    }

    void offerDecision(Execution ex, long scheduledEventId) {
        queues.decisions(ex.domain, ex.start.taskList().name())
                .offer(queues.task(ex, scheduledEventId, ex.start.taskPriority()));
    }

    @Override
    public void close() {
        timeouts.close();
        queues.releasePollers();
    }
}
