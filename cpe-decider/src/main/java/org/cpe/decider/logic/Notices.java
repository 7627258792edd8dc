package org.cpe.decider.logic;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Notice data shared by the decision logic and the Decider role. */
public final class Notices {

    private Notices() {}

    /** The data of a WORKFLOW_FAILED notice that no step caused. */
    public static ObjectNode failure(String reason, String details) {
        ObjectNode data = Replay.JSON.createObjectNode();
        data.put("reason", reason);
        data.put("details", details);
        return data;
    }
}
