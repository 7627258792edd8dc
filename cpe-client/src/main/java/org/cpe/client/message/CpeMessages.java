package org.cpe.client.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.cpe.protocol.MessageType;

/** Reads the messages of an output queue into their typed classes. */
public final class CpeMessages {

    // Decimals stay as they came (times in epoch seconds with a fraction), also when a message is written out again.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final Map<MessageType, BiFunction<ObjectNode, String, CpeMessage>> TYPES =
            new EnumMap<>(MessageType.class);

    static {
        TYPES.put(MessageType.WORKFLOW_SCHEDULED, WorkflowScheduled::new);
        TYPES.put(MessageType.JOB_START_FAILED, JobStartFailed::new);
        TYPES.put(MessageType.COMMAND_REJECTED, CommandRejected::new);
        TYPES.put(MessageType.JOB_CANCEL_REQUESTED, JobCancelRequested::new);
        TYPES.put(MessageType.ACTIVITY_CANCEL_REQUESTED, ActivityCancelRequested::new);
        TYPES.put(MessageType.JOB_STATUS, JobStatus::new);
        TYPES.put(MessageType.JOB_LIST, JobList::new);
        TYPES.put(MessageType.ACTIVITY_LIST, ActivityList::new);
        TYPES.put(MessageType.ACTIVITY_STATUS, ActivityStatus::new);
        TYPES.put(MessageType.ACTIVITY_SCHEDULED, ActivityScheduled::new);
        TYPES.put(MessageType.ACTIVITY_RETRYING, ActivityRetrying::new);
        TYPES.put(MessageType.ACTIVITY_TIMEOUT, ActivityTimeout::new);
        TYPES.put(MessageType.WORKFLOW_COMPLETED, WorkflowCompleted::new);
        TYPES.put(MessageType.WORKFLOW_FAILED, WorkflowFailed::new);
        TYPES.put(MessageType.WORKFLOW_CANCELED, WorkflowCanceled::new);
        TYPES.put(MessageType.WORKFLOW_TIMED_OUT, WorkflowTimedOut::new);
        TYPES.put(MessageType.ACTIVITY_STARTED, ActivityStarted::new);
        TYPES.put(MessageType.ACTIVITY_PREPARING, ActivityPreparing::new);
        TYPES.put(MessageType.ACTIVITY_PROGRESS, ActivityProgress::new);
        TYPES.put(MessageType.ACTIVITY_FINISHING, ActivityFinishing::new);
        TYPES.put(MessageType.ACTIVITY_COMPLETED, ActivityCompleted::new);
        TYPES.put(MessageType.ACTIVITY_FAILED, ActivityFailed::new);
        TYPES.put(MessageType.ACTIVITY_CANCELED, ActivityCanceled::new);
    }

    private CpeMessages() {}

    /** The message in {@code body}; an {@link UnknownMessage} when it is not JSON or of an unknown type. */
    public static CpeMessage parse(String body) {
        return parse(body, null);
    }

    /** The message in {@code body}, received with {@code receiptHandle}. */
    public static CpeMessage parse(String body, String receiptHandle) {
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            json = null;
        }
        if (!(json instanceof ObjectNode object)) {
            return new UnknownMessage(JSON.createObjectNode(), body, receiptHandle);
        }
        BiFunction<ObjectNode, String, CpeMessage> type = TYPES.get(MessageType.of(Fields.text(object, "type")));
        return type == null ? new UnknownMessage(object, body, receiptHandle) : type.apply(object, receiptHandle);
    }

    /** Whether every type of {@link MessageType} but {@code UNKNOWN} has its class; for the tests. */
    static boolean coversEveryType() {
        return TYPES.size() == MessageType.values().length - 1;
    }
}
