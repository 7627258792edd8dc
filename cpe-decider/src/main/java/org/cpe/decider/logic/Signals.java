package org.cpe.decider.logic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The SWF signals the Decider understands. A signal is how anyone but the decider reaches a running workflow: SWF
 * lets only a decision cancel a single activity, so the InputPoller signals and the Decider decides.
 */
public final class Signals {

    /** Cancel one step's activity (input {@code {"activityId": <step name>}}); the workflow goes on without it. */
    public static final String CANCEL_ACTIVITY = "CPE_CANCEL_ACTIVITY";

    private Signals() {}

    /** The input of a {@link #CANCEL_ACTIVITY} signal. */
    public static String cancelActivityInput(String activityId) {
        return Replay.JSON.createObjectNode().put("activityId", activityId).toString();
    }

    static String activityIdOf(String input) {
        if (input == null) {
            return null;
        }
        try {
            JsonNode id = Replay.JSON.readTree(input).get("activityId");
            return id == null || !id.isTextual() ? null : id.asText();
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
