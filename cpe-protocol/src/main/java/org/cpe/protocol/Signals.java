package org.cpe.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The SWF signals the Decider understands, part of the protocol between the roles. A signal is how anyone but the decider reaches a running workflow: SWF
 * lets only a decision cancel a single activity, so the InputPoller signals and the Decider decides.
 */
public final class Signals {

    /** Cancel one step's activity (input {@code {"activityId": <step name>}}); the workflow goes on without it. */
    public static final String CANCEL_ACTIVITY = "CPE_CANCEL_ACTIVITY";

    /**
     * A running activity's progress, sent by its worker at coarse steps (input {@code {activityId, startedEventId,
     * progress}}): SWF keeps no heartbeat details a caller can read, so this is how every server learns it. The
     * Decider decides nothing on it.
     */
    public static final String PROGRESS = "CPE_PROGRESS";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Signals() {}

    /** The input of a {@link #PROGRESS} signal; {@code progressJson} is the activity's latest progress details. */
    public static String progressInput(String activityId, long startedEventId, String progressJson) {
        var node = JSON.createObjectNode().put("activityId", activityId).put("startedEventId", startedEventId);
        try {
            node.set("progress", JSON.readTree(progressJson));
        } catch (JsonProcessingException e) {
            node.put("progress", progressJson);
        }
        return node.toString();
    }

    /** The input as JSON, or null when it is none. */
    public static JsonNode parse(String input) {
        if (input == null) {
            return null;
        }
        try {
            return JSON.readTree(input);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The input of a {@link #CANCEL_ACTIVITY} signal. */
    public static String cancelActivityInput(String activityId) {
        return JSON.createObjectNode().put("activityId", activityId).toString();
    }

    /** The {@code activityId} of a signal's parsed input, or null when it has none. */
    public static String activityIdOf(JsonNode input) {
        JsonNode id = input == null ? null : input.get("activityId");
        return id == null || !id.isTextual() ? null : id.asText();
    }
}
