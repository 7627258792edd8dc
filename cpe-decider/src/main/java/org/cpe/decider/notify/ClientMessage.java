package org.cpe.decider.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import org.cpe.decider.logic.Notice;

/**
 * A message for a job's client output queue, in the original shape {@code {time, type, jobId, data: {workflow:
 * {workflowId, runId}, ...}}}: {@code time} in epoch seconds with a fraction, as the original's microtime(true).
 */
public final class ClientMessage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClientMessage() {}

    public static String of(Notice notice, String jobId, String workflowId, String runId, Instant time) {
        ObjectNode message = JSON.createObjectNode();
        message.put("time", BigDecimal.valueOf(time.toEpochMilli(), 3));
        message.put("type", notice.type());
        message.put("jobId", jobId);
        ObjectNode data = message.putObject("data");
        ObjectNode workflow = data.putObject("workflow");
        workflow.put("workflowId", workflowId);
        workflow.put("runId", runId);
        notice.data().fields().forEachRemaining(e -> data.set(e.getKey(), e.getValue()));
        return message.toString();
    }
}
