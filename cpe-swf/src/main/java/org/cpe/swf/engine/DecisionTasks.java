package org.cpe.swf.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.swf.model.*;

/** PollForDecisionTask and RespondDecisionTaskCompleted: one decision task open per execution at a time. */
final class DecisionTasks {

    private final SwfEngine engine;
    private final Decisions decisions;

    DecisionTasks(SwfEngine engine) {
        this.engine = engine;
        this.decisions = new Decisions(engine);
    }

    PollForDecisionTaskResponse poll(PollForDecisionTaskRequest r) {
        String domain = engine.registry.domainRecord(r.domain()).name();
        String taskList = Check.taskList(r.taskList(), "taskList");
        Check.identity(r.identity());
        int size = Check.pageSize(r.maximumPageSize());
        boolean reverse = Boolean.TRUE.equals(r.reverseOrder());
        if (r.nextPageToken() != null) {
            return nextPage(domain, HistoryPages.decode(r.nextPageToken(), HistoryPages.Kind.DECISION_TASK), size);
        }
        TaskQueue queue = engine.queues.decisions(domain, taskList);
        long deadline = System.nanoTime() + engine.options.pollTimeout().toNanos();
        PendingTask task;
        while ((task = Polls.await(queue, deadline)) != null) {
            Execution ex = task.execution();
            PollForDecisionTaskResponse response;
            CompletableFuture<Void> durable;
            Work work = new Work(); // the history limit may end the run here, and its close has work to do
            synchronized (ex) {
                if (!ex.isOpen() || ex.decisionScheduledId != task.scheduledEventId() || ex.decisionStartedId != 0) {
                    continue; // stale: the task timed out or the execution closed while it waited
                }
                long scheduled = ex.decisionScheduledId;
                HistoryEvent started = ex.record(
                        EventType.DECISION_TASK_STARTED,
                        SwfEngine.now(),
                        b -> b.decisionTaskStartedEventAttributes(
                                a -> a.identity(r.identity()).scheduledEventId(scheduled)));
                engine.deadlines.armDecision(ex);
                response = response(ex, started.eventId(), scheduled, ex.history(), size, reverse, 0);
                durable = engine.save(ex, work);
            }
            SwfEngine.awaitDurable(durable);
            work.run();
            return response;
        }
        return PollForDecisionTaskResponse.builder()
                .taskToken("")
                .startedEventId(0L)
                .previousStartedEventId(0L)
                .build();
    }

    /** A later page of a decision task's history: SWF's PollForDecisionTask with the nextPageToken it gave. */
    private PollForDecisionTaskResponse nextPage(String domain, HistoryPages.Position p, int size) {
        Execution ex = engine.executions.open(p.runId());
        List<HistoryEvent> events;
        if (ex != null) {
            if (!ex.domain.equals(domain)) {
                throw HistoryPages.invalid();
            }
            synchronized (ex) {
                events = List.copyOf(ex.history().subList(0, (int) Math.min(p.lastEventId(), ex.eventCount())));
            }
        } else {
            events = engine.store.history(p.runId());
        }
        // Only a token of this engine's making names a decision task's start, and the pages of that task.
        if (p.lastEventId() < 1
                || events.size() < p.lastEventId()
                || events.get((int) p.lastEventId() - 1).eventType() != EventType.DECISION_TASK_STARTED) {
            throw HistoryPages.invalid();
        }
        HistoryEvent started = events.get((int) p.lastEventId() - 1);
        long scheduled = started.decisionTaskStartedEventAttributes().scheduledEventId();
        WorkflowExecutionStartedEventAttributes start = events.get(0).workflowExecutionStartedEventAttributes();
        HistoryPages.Result page = HistoryPages.page(
                HistoryPages.Kind.DECISION_TASK, events, p.runId(), p.lastEventId(), p.next(), size, p.reverse());
        return PollForDecisionTaskResponse.builder()
                .taskToken(new TaskToken(TaskToken.Kind.DECISION, p.runId(), scheduled, p.lastEventId()).encode())
                .startedEventId(p.lastEventId())
                .workflowExecution(
                        ex != null
                                ? ex.id
                                : WorkflowExecution.builder().runId(p.runId()).build())
                .workflowType(start.workflowType())
                .events(page.events())
                .nextPageToken(page.nextPageToken())
                .previousStartedEventId(previousStarted(events, p.lastEventId()))
                .build();
    }

    private static long previousStarted(List<HistoryEvent> events, long before) {
        for (int i = (int) before - 2; i >= 0; i--) {
            HistoryEvent e = events.get(i);
            if (e.eventType() == EventType.DECISION_TASK_COMPLETED) {
                return e.decisionTaskCompletedEventAttributes().startedEventId();
            }
        }
        return 0L;
    }

    private PollForDecisionTaskResponse response(
            Execution ex,
            long startedId,
            long scheduledId,
            List<HistoryEvent> events,
            int size,
            boolean reverse,
            int from) {
        HistoryPages.Result page =
                HistoryPages.page(HistoryPages.Kind.DECISION_TASK, events, ex.runId(), startedId, from, size, reverse);
        return PollForDecisionTaskResponse.builder()
                .taskToken(new TaskToken(TaskToken.Kind.DECISION, ex.runId(), scheduledId, startedId).encode())
                .startedEventId(startedId)
                .workflowExecution(ex.id)
                .workflowType(ex.type)
                .events(page.events())
                .nextPageToken(page.nextPageToken())
                .previousStartedEventId(ex.previousStartedEventId)
                .build();
    }

    void respondCompleted(RespondDecisionTaskCompletedRequest r) {
        TaskToken token = TaskToken.decode(r.taskToken(), TaskToken.Kind.DECISION);
        Check.data(r.executionContext(), "executionContext");
        List<Decision> list = r.hasDecisions() ? r.decisions() : List.of();
        DecisionChecks.validate(list);
        Execution ex = engine.executions.open(token.runId());
        if (ex == null) {
            throw unknownTask(token);
        }
        Work work = new Work();
        CompletableFuture<Void> durable;
        synchronized (ex) {
            if (!ex.isOpen() || ex.decisionStartedId != token.startedEventId()) {
                throw unknownTask(token);
            }
            decisions.complete(ex, token, r.executionContext(), list, work);
            durable = engine.save(ex, work);
        }
        SwfEngine.awaitDurable(durable);
        work.run();
    }

    long pending(String domain, String taskList) {
        return engine.queues.decisions(domain, taskList).count(t -> {
            Execution ex = t.execution();
            return ex.isOpen() && ex.decisionScheduledId == t.scheduledEventId() && ex.decisionStartedId == 0;
        });
    }

    private static RuntimeException unknownTask(TaskToken token) {
        return SwfFaults.unknownResource("Unknown decision task: it was completed or timed out, or its execution is"
                + " closed (runId=" + token.runId() + ", startedEventId=" + token.startedEventId() + ")");
    }
}
