package org.cpe.client.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.cpe.protocol.MessageType;

/**
 * A message from CPE on a client's output queue, in the original envelope {@code {time, type, jobId, data}}. Each
 * {@link MessageType} has its own subclass with typed accessors; {@link #json()} keeps the whole message as it came,
 * so nothing CPE sends is out of reach. Read one with {@link CpeMessages#parse(String)}.
 */
public abstract class CpeMessage {

    private final ObjectNode json;
    private final String receiptHandle;

    protected CpeMessage(ObjectNode json, String receiptHandle) {
        this.json = json;
        this.receiptHandle = receiptHandle;
    }

    /** The message type as it came on the wire, such as {@code WORKFLOW_COMPLETED}. */
    public String type() {
        return Fields.text(json, "type");
    }

    /** The typed form of {@link #type()}; {@link MessageType#UNKNOWN} for a type this library does not know. */
    public MessageType messageType() {
        return MessageType.of(type());
    }

    /** When CPE sent it. */
    public Instant time() {
        return Fields.instant(json, "time");
    }

    /** The job it is about; null for a rejected command that had none. */
    public String jobId() {
        return Fields.text(json, "jobId");
    }

    /** The job's SWF workflowId ({@code <client>.<jobId>}), when the message names the workflow. */
    public String workflowId() {
        String id = Fields.text(data().path("workflow"), "workflowId");
        return id != null ? id : Fields.text(json, "workflowId");
    }

    /** The SWF runId of the job's workflow, when the message names the workflow. */
    public String runId() {
        String id = Fields.text(data().path("workflow"), "runId");
        return id != null ? id : Fields.text(json, "runId");
    }

    /** The message's {@code data} (an empty object when it has none). */
    public JsonNode data() {
        JsonNode data = json.get("data");
        return data == null || data.isNull() ? json.objectNode() : data;
    }

    /** The whole message as it came. */
    public ObjectNode json() {
        return json;
    }

    /** The SQS receipt handle it was received with, for acknowledging it; null when it was not received from SQS. */
    public String receiptHandle() {
        return receiptHandle;
    }

    /**
     * Whether the job ends with this message: it completed, failed, was canceled, timed out, or could not be started.
     * No later message of that job follows (apart from stragglers of activities that were already running).
     */
    public boolean endsJob() {
        return false;
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
