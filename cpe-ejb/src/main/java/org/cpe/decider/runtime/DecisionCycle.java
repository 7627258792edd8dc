package org.cpe.decider.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.cpe.aws.SwfHistories;
import org.cpe.decider.logic.Decider;
import org.cpe.decider.logic.Notices;
import org.cpe.decider.logic.Outcome;
import org.cpe.decider.logic.Reasons;
import org.cpe.decider.plan.Plan;
import org.cpe.loop.PollCycle;
import org.cpe.loop.StopSignal;
import org.cpe.notices.ClientNotifier;
import org.cpe.protocol.JobRoute;
import org.cpe.protocol.MessageType;
import org.cpe.protocol.Notice;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionStartedEventAttributes;

/**
 * One turn of a Decider loop: long-poll a decision task, read its whole history, decide with the plan of its workflow
 * type, answer, then tell the job's client. A task is always answered: a workflow type with no plan here, or a fault
 * in the decision logic, fails the workflow with a reason instead of leaving the task to time out again and again.
 */
public final class DecisionCycle implements PollCycle {

    private static final Logger LOG = Logger.getLogger(DecisionCycle.class.getName());
    private static final int PAGE_SIZE = 1000;

    private final SwfClient swf;
    private final DeciderRuntime runtime;

    DecisionCycle(SwfClient swf, DeciderRuntime runtime) {
        this.swf = swf;
        this.runtime = runtime;
    }

    @Override
    public void pollOnce(StopSignal stop) {
        runtime.ensureRegistered();
        runtime.recoverNotices();
        PollForDecisionTaskResponse task = poll(null);
        if (task.taskToken() == null || task.taskToken().isEmpty()) {
            runtime.metrics().emptyPoll("decider");
            return;
        }
        long polled = System.nanoTime();
        List<HistoryEvent> history = new ArrayList<>(task.events());
        for (PollForDecisionTaskResponse page = task;
                page.nextPageToken() != null && !page.nextPageToken().isEmpty(); ) {
            page = poll(page.nextPageToken());
            history.addAll(page.events());
        }
        String workflowId = task.workflowExecution().workflowId();
        String runId = task.workflowExecution().runId();
        Outcome outcome = decide(task, history);
        JobRoute route = route(history, workflowId);
        // The notices that close the workflow are on disk before the close is: a kill after the answer loses none.
        List<NoticeJournal.Entry> closing = new ArrayList<>();
        List<Notice> closingNotices =
                outcome.notices().stream().filter(Notice::closing).toList();
        for (ClientNotifier.Prepared p : runtime.notifier().prepare(route, workflowId, runId, closingNotices)) {
            NoticeJournal.Entry entry = NoticeJournal.Entry.of(p.queueUrl(), p.body(), workflowId, runId);
            runtime.journal().pending(entry);
            closing.add(entry);
        }
        try {
            swf.respondDecisionTaskCompleted(r -> r.taskToken(task.taskToken()).decisions(outcome.decisions()));
        } catch (RuntimeException e) {
            closing.forEach(entry -> runtime.journal().done(entry.id()));
            throw e;
        }
        runtime.metrics().decided(java.time.Duration.ofNanos(System.nanoTime() - polled));
        notify(route, workflowId, runId, outcome, closing);
    }

    private PollForDecisionTaskResponse poll(String nextPageToken) {
        return swf.pollForDecisionTask(r -> r.domain(runtime.settings().domain())
                .taskList(t -> t.name(runtime.settings().taskList()))
                .identity(runtime.identity())
                .maximumPageSize(PAGE_SIZE)
                .nextPageToken(nextPageToken));
    }

    private Outcome decide(PollForDecisionTaskResponse task, List<HistoryEvent> history) {
        String name = task.workflowType().name();
        String version = task.workflowType().version();
        Optional<Plan> plan = runtime.plans().plan(name, version);
        if (plan.isEmpty()) {
            String plans = runtime.plans().plans().stream()
                    .map(p -> p.key().toString())
                    .collect(Collectors.joining(", "));
            return fail(
                    Reasons.NO_PLAN,
                    "No plan here for workflow type " + name + " " + version + " (plans: "
                            + (plans.isEmpty() ? "none" : plans) + ")");
        }
        try {
            return Decider.decide(plan.get(), history, task.previousStartedEventId());
        } catch (RuntimeException e) {
            LOG.log(
                    Level.SEVERE,
                    "Deciding workflow " + task.workflowExecution().workflowId() + " failed",
                    e);
            return fail(Reasons.DECIDER_ERROR, "The decider failed on this workflow's history: " + e);
        }
    }

    private static Outcome fail(String reason, String details) {
        Decision decision = Decision.builder()
                .decisionType(DecisionType.FAIL_WORKFLOW_EXECUTION)
                .failWorkflowExecutionDecisionAttributes(a -> a.reason(reason).details(details))
                .build();
        var data = Notices.failure(reason, details);
        return new Outcome(List.of(decision), List.of(new Notice(MessageType.WORKFLOW_FAILED, data, true)));
    }

    private static JobRoute route(List<HistoryEvent> history, String workflowId) {
        WorkflowExecutionStartedEventAttributes start = SwfHistories.start(history);
        return JobRoute.of(
                workflowId, start == null ? List.of() : start.tagList(), start == null ? null : start.input());
    }

    private void notify(
            JobRoute route, String workflowId, String runId, Outcome outcome, List<NoticeJournal.Entry> closing) {
        List<Notice> now = outcome.notices().stream().filter(n -> !n.closing()).toList();
        runtime.notifier().send(route, workflowId, runId, now);
        if (closing.isEmpty()) {
            return;
        }
        if (!SwfHistories.closed(swf, runtime.settings().domain(), workflowId, runId)) {
            // SWF refused the close decision (new events arrived meanwhile); the next decision task decides again.
            closing.forEach(entry -> runtime.journal().done(entry.id()));
            return;
        }
        for (NoticeJournal.Entry entry : closing) {
            runtime.notifier()
                    .send(
                            new ClientNotifier.Prepared(entry.queueUrl(), entry.body(), entry.workflowId()),
                            () -> runtime.journal().done(entry.id()));
        }
    }
}
