package org.cpe.decider.logic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.cpe.decider.plan.ActivityDef;
import org.cpe.protocol.MessageType;
import org.cpe.protocol.Notice;

/** The notices about one step's activity, in the shapes the original decider's messages had. */
final class ActivityNotices {

    private ActivityNotices() {}

    /** An attempt scheduled; this one names the type and version flat, as the original did. */
    static Notice scheduled(StepState step) {
        ActivityDef activity = step.def.activity();
        ObjectNode described = Replay.JSON.createObjectNode();
        described.put("activityId", step.name());
        described.put("activityType", activity.name());
        described.put("activityVersion", activity.version());
        described.put("attempt", step.attempts + 1);
        return new Notice(MessageType.ACTIVITY_SCHEDULED, data(described), false);
    }

    /** A failed attempt that will be retried as attempt {@code next} after {@code delay}. */
    static Notice retrying(StepState step, int next, Duration delay) {
        ObjectNode activity = activity(step);
        activity.put("attempt", step.attempts);
        activity.put("nextAttempt", next);
        activity.put("delaySeconds", delay.toMillis() / 1000.0);
        activity.put("reason", step.reason);
        if (step.details != null) {
            activity.put("details", SwfLimits.truncate(step.details, 2_048));
        }
        return new Notice(MessageType.ACTIVITY_RETRYING, data(activity), false);
    }

    /** A step canceled on its client's request before SWF heard of it again. */
    static Notice canceled(StepState step) {
        return new Notice(MessageType.ACTIVITY_CANCELED, data(activity(step)), false);
    }

    /** The current attempt timed out; {@code details} are the last heartbeat's, if any. */
    static Notice timedOut(StepState step, String timeoutType, String details) {
        ObjectNode activity = activity(step);
        activity.put("timeoutType", timeoutType);
        activity.put("attempt", step.attempts);
        if (details != null) {
            activity.put("details", details);
        }
        return new Notice(MessageType.ACTIVITY_TIMEOUT, data(activity), false);
    }

    /** {@code activity} as the original's messages show it. */
    private static ObjectNode activity(StepState step) {
        ActivityDef def = step.def.activity();
        ObjectNode activity = Replay.JSON.createObjectNode();
        activity.put("activityId", step.name());
        ObjectNode type = activity.putObject("activityType");
        type.put("name", def.name());
        type.put("version", def.version());
        return activity;
    }

    private static ObjectNode data(ObjectNode activity) {
        ObjectNode data = Replay.JSON.createObjectNode();
        data.set("activity", activity);
        return data;
    }
}
