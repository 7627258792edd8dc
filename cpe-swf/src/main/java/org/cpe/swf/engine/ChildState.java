package org.cpe.swf.engine;

import software.amazon.awssdk.services.swf.model.StartChildWorkflowExecutionInitiatedEventAttributes;

/** A child execution a decision asked for: initiated, then started with its run id, until it closes. */
final class ChildState {

    final long initiatedEventId;
    final StartChildWorkflowExecutionInitiatedEventAttributes attributes;
    String runId;
    long startedEventId;

    ChildState(long initiatedEventId, StartChildWorkflowExecutionInitiatedEventAttributes attributes) {
        this.initiatedEventId = initiatedEventId;
        this.attributes = attributes;
    }
}
