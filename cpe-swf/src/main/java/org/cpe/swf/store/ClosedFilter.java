package org.cpe.swf.store;

import software.amazon.awssdk.services.swf.model.CloseStatusFilter;
import software.amazon.awssdk.services.swf.model.CountClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ExecutionTimeFilter;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.TagFilter;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionFilter;
import software.amazon.awssdk.services.swf.model.WorkflowTypeFilter;

/** The filters that ListClosedWorkflowExecutions and CountClosedWorkflowExecutions share. */
record ClosedFilter(
        String domain,
        ExecutionTimeFilter startTimeFilter,
        ExecutionTimeFilter closeTimeFilter,
        WorkflowExecutionFilter executionFilter,
        CloseStatusFilter closeStatusFilter,
        WorkflowTypeFilter typeFilter,
        TagFilter tagFilter) {

    static ClosedFilter of(ListClosedWorkflowExecutionsRequest request) {
        return new ClosedFilter(
                request.domain(),
                request.startTimeFilter(),
                request.closeTimeFilter(),
                request.executionFilter(),
                request.closeStatusFilter(),
                request.typeFilter(),
                request.tagFilter());
    }

    static ClosedFilter of(CountClosedWorkflowExecutionsRequest request) {
        return new ClosedFilter(
                request.domain(),
                request.startTimeFilter(),
                request.closeTimeFilter(),
                request.executionFilter(),
                request.closeStatusFilter(),
                request.typeFilter(),
                request.tagFilter());
    }

    /** SWF sorts and filters by close time when a close time filter is given, by start time otherwise. */
    boolean byCloseTime() {
        return closeTimeFilter != null;
    }

    ExecutionTimeFilter timeFilter() {
        return byCloseTime() ? closeTimeFilter : startTimeFilter;
    }
}
