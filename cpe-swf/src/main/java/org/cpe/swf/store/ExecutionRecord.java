package org.cpe.swf.store;

import java.time.Instant;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionConfiguration;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionOpenCounts;

/**
 * An execution as DescribeWorkflowExecution shows it. {@code info} carries the keys the list filters use: workflow
 * id, run id, type, start and close timestamps, execution and close status, tags, parent, cancel requested.
 */
public record ExecutionRecord(
        String domain,
        WorkflowExecutionInfo info,
        WorkflowExecutionConfiguration configuration,
        WorkflowExecutionOpenCounts openCounts,
        Instant latestActivityTaskTimestamp,
        String latestExecutionContext) {

    public String runId() {
        return info.execution().runId();
    }

    public String workflowId() {
        return info.execution().workflowId();
    }
}
