package org.cpe.decider.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.cpe.aws.SwfHistories;
import org.cpe.decider.logic.Notices;
import org.cpe.decider.logic.Reasons;
import org.cpe.loop.PollCycle;
import org.cpe.loop.StopSignal;
import org.cpe.protocol.JobRoute;
import org.cpe.protocol.MessageType;
import org.cpe.protocol.Notice;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.CloseStatus;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionStartedEventAttributes;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionTimedOutEventAttributes;

/**
 * Tells clients about workflows that timed out. SWF closes such a workflow itself and gives no decision task, so no
 * decision can report it: every interval this cycle lists the executions that closed as {@code TIMED_OUT} since its
 * last look, keeps those of a workflow type with a plan here, and sends each job's client {@code WORKFLOW_TIMED_OUT}.
 *
 * <p>Each look reaches back over the previous interval too, as an execution's close time may be a little older than
 * the moment the listing shows it; executions already reported in that overlap are remembered and skipped. At start
 * the first look reaches back {@code timeoutLookback}, so that a time-out while no Decider ran is still reported.
 */
final class TimeoutWatch implements PollCycle {

    private static final Logger LOG = Logger.getLogger(TimeoutWatch.class.getName());

    private final SwfClient swf;
    private final DeciderRuntime runtime;
    private final Supplier<Instant> clock;
    private final Duration interval;
    private final Map<String, Instant> reported = new HashMap<>();
    private Instant since;

    TimeoutWatch(SwfClient swf, DeciderRuntime runtime, Supplier<Instant> clock) {
        this.swf = swf;
        this.runtime = runtime;
        this.clock = clock;
        this.interval = runtime.settings().timeoutWatch();
        this.since = clock.get().minus(runtime.settings().timeoutLookback());
    }

    @Override
    public void pollOnce(StopSignal stop) {
        look();
        stop.await(interval);
    }

    /** One look: reports the executions that timed out since the last one, returns how many it reported. */
    int look() {
        Instant now = clock.get();
        Instant from = since;
        int sent = 0;
        String nextPageToken = null;
        do {
            String token = nextPageToken;
            ListClosedWorkflowExecutionsResponse page = swf.listClosedWorkflowExecutions(
                    r -> r.domain(runtime.settings().domain())
                            .closeTimeFilter(f -> f.oldestDate(from))
                            .closeStatusFilter(f -> f.status(CloseStatus.TIMED_OUT))
                            .maximumPageSize(1000)
                            .nextPageToken(token));
            for (WorkflowExecutionInfo info : page.executionInfos()) {
                if (report(info)) {
                    sent++;
                }
            }
            nextPageToken = page.nextPageToken();
        } while (nextPageToken != null && !nextPageToken.isEmpty());
        // The next look starts one interval before this one: closes committed late still fall inside it.
        since = now.minus(interval.isZero() ? Duration.ofSeconds(1) : interval);
        reported.values().removeIf(closed -> closed.isBefore(since));
        return sent;
    }

    private boolean report(WorkflowExecutionInfo info) {
        String key = info.execution().workflowId() + "\n" + info.execution().runId();
        if (reported.containsKey(key)
                || runtime.plans()
                        .plan(info.workflowType().name(), info.workflowType().version())
                        .isEmpty()) {
            return false;
        }
        String workflowId = info.execution().workflowId();
        String runId = info.execution().runId();
        WorkflowExecutionStartedEventAttributes start =
                SwfHistories.start(swf, runtime.settings().domain(), workflowId, runId);
        WorkflowExecutionTimedOutEventAttributes timedOut =
                lastEvent(workflowId, runId).workflowExecutionTimedOutEventAttributes();
        String timeoutType = timedOut == null ? "START_TO_CLOSE" : timedOut.timeoutTypeAsString();
        String details = "The workflow did not close within its execution start-to-close timeout"
                + (start == null ? "" : " of " + start.executionStartToCloseTimeout() + " s");
        var data = Notices.failure(Reasons.WORKFLOW_TIMED_OUT, details);
        data.put("timeoutType", timeoutType);
        JobRoute route = JobRoute.of(workflowId, info.tagList(), start == null ? null : start.input());
        runtime.notifier()
                .send(route, workflowId, runId, List.of(new Notice(MessageType.WORKFLOW_TIMED_OUT, data, true)));
        reported.put(key, info.closeTimestamp());
        LOG.info(() -> "Workflow " + workflowId + " (" + runId + ") timed out; job " + route.jobId() + " told");
        return true;
    }

    /** The last event of the execution's history. */
    private HistoryEvent lastEvent(String workflowId, String runId) {
        List<HistoryEvent> events = swf.getWorkflowExecutionHistory(
                        r -> r.domain(runtime.settings().domain())
                                .execution(e -> e.workflowId(workflowId).runId(runId))
                                .maximumPageSize(1)
                                .reverseOrder(true))
                .events();
        return events.isEmpty() ? HistoryEvent.builder().build() : events.get(0);
    }
}
