package org.cpe.client.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code WORKFLOW_COMPLETED}: the job completed; {@link #result()} holds the outputs of its last steps by step name. */
public final class WorkflowCompleted extends CpeMessage {

    WorkflowCompleted(ObjectNode json, String receiptHandle) {
        super(json, receiptHandle);
    }

    /** The job's result: {@code {<last step>: <its outputs>, ...}}. */
    public JsonNode result() {
        return Fields.node(data(), "result");
    }

    @Override
    public boolean endsJob() {
        return true;
    }
}
