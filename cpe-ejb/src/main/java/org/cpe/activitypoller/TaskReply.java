package org.cpe.activitypoller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.cpe.activity.ActivityCanceledException;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;

/**
 * How a task ends, as it is answered to SWF: completed with a JSON result, failed with a reason and details, or
 * canceled. Every text is already within SWF's limits. {@link #of} maps an activity's return value or exception.
 */
sealed interface TaskReply {

    ObjectMapper JSON = new ObjectMapper();

    /** {@code result} is JSON text, or null for no result. */
    record Completed(String result) implements TaskReply {}

    record Failed(String reason, String details) implements TaskReply {
        public Failed {
            reason = SwfText.cut(reason, SwfText.REASON);
            details = SwfText.cut(details, SwfText.DETAILS);
        }
    }

    record Canceled(String details) implements TaskReply {
        public Canceled {
            details = SwfText.cut(details, SwfText.DETAILS);
        }
    }

    /** The reply for a value the activity returned. */
    static TaskReply completed(Object value) {
        String result;
        try {
            if (value == null) {
                result = null;
            } else if (value instanceof JsonNode node) {
                result = node.toString();
            } else {
                result = JSON.writeValueAsString(value);
            }
        } catch (JsonProcessingException e) {
            return new Failed(
                    "RESULT_INVALID",
                    "The activity returned a " + value.getClass().getName() + " that cannot be written as JSON: "
                            + e.getOriginalMessage());
        }
        return new Completed(SwfText.cut(result, SwfText.RESULT));
    }

    /**
     * The reply for an exception the activity threw: canceled once cancellation was requested, else failed with the
     * activity's reason or, for any other exception, {@value ActivityReasons#ACTIVITY_FAILED} and the stack trace.
     */
    static TaskReply thrown(Throwable error, boolean cancelRequested) {
        if (cancelRequested || error instanceof ActivityCanceledException) {
            String message = error.getMessage();
            return new Canceled(message == null ? error.getClass().getSimpleName() : message);
        }
        if (error instanceof ActivityException failure) {
            return new Failed(failure.reason(), failure.details() == null ? "" : failure.details());
        }
        return new Failed(ActivityReasons.ACTIVITY_FAILED, stackTrace(error));
    }

    private static String stackTrace(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
