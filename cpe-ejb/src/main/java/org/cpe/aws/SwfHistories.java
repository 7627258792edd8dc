package org.cpe.aws;

import java.util.List;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.ExecutionStatus;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionStartedEventAttributes;

/** What the roles read of a workflow execution on SWF, in one place: its start event, and whether it has closed. */
public final class SwfHistories {

    private SwfHistories() {}

    /**
     * The attributes of the execution's start event, read as a history page of one event (the start is always the
     * first); null when the history has none.
     */
    public static WorkflowExecutionStartedEventAttributes start(
            SwfClient swf, String domain, String workflowId, String runId) {
        List<HistoryEvent> first = swf.getWorkflowExecutionHistory(r -> r.domain(domain)
                        .execution(e -> e.workflowId(workflowId).runId(runId))
                        .maximumPageSize(1))
                .events();
        return start(first);
    }

    /** The attributes of the start event in a history already read, or null when it has none. */
    public static WorkflowExecutionStartedEventAttributes start(List<HistoryEvent> history) {
        return history.stream()
                .filter(e -> e.eventType() == EventType.WORKFLOW_EXECUTION_STARTED)
                .map(HistoryEvent::workflowExecutionStartedEventAttributes)
                .findFirst()
                .orElse(null);
    }

    /** Whether the execution has closed, however it ended. */
    public static boolean closed(SwfClient swf, String domain, String workflowId, String runId) {
        return swf.describeWorkflowExecution(r -> r.domain(domain)
                                .execution(e -> e.workflowId(workflowId).runId(runId)))
                        .executionInfo()
                        .executionStatus()
                == ExecutionStatus.CLOSED;
    }
}
