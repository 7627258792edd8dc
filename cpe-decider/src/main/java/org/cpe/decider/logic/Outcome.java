package org.cpe.decider.logic;

import java.util.List;
import org.cpe.protocol.Notice;
import software.amazon.awssdk.services.swf.model.Decision;

/** What one decision task decided: the decisions to send to SWF and the notices for the client. */
public record Outcome(List<Decision> decisions, List<Notice> notices) {

    public Outcome {
        decisions = List.copyOf(decisions);
        notices = List.copyOf(notices);
    }
}
