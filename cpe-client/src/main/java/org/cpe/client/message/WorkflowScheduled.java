package org.cpe.client.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code WORKFLOW_SCHEDULED}: the answer to {@code START_JOB}, in the original's shape; the job's workflow started (or had started before: {@link #alreadyStarted()}). */
public final class WorkflowScheduled extends CpeMessage {

    WorkflowScheduled(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** The workflow type (the plan's name and version). */
    public TypeRef workflowType() {
        return TypeRef.of(json().get("workflowType"), null);
    }

    /** The job's input as the workflow got it. */
    public JsonNode input() {
        return Fields.node(json(), "input");
    }

    /** True when an earlier {@code START_JOB} with this jobId had started the workflow: no second one was started. */
    public boolean alreadyStarted() {
        return Fields.flag(json(), "alreadyStarted");
    }
}
