package org.cpe.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cpe.client.message.ActivityCanceled;
import org.cpe.client.message.ActivityCompleted;
import org.cpe.client.message.ActivityFailed;
import org.cpe.client.message.ActivityFinishing;
import org.cpe.client.message.ActivityMessage;
import org.cpe.client.message.ActivityPreparing;
import org.cpe.client.message.ActivityProgress;
import org.cpe.client.message.ActivityRetrying;
import org.cpe.client.message.ActivityScheduled;
import org.cpe.client.message.ActivityStarted;
import org.cpe.client.message.ActivityTimeout;
import org.cpe.client.message.CpeMessage;
import org.cpe.client.message.TypeRef;

/**
 * What a job's messages tell about its steps, for the progress bars: each step (in the order they were first heard
 * of) with its state and percentage. Messages of one job may arrive out of order, so a step that has ended is not set
 * back by a late report of the same attempt. Pure.
 */
final class JobProgress {

    /** One step: its state ({@code SCHEDULED}, {@code RUNNING}, {@code PREPARING}, ...), percentage and a note. */
    record Row(String step, TypeRef type, String state, int percent, int attempt, String note) {

        boolean ended() {
            return state.equals("COMPLETED") || state.equals("FAILED") || state.equals("CANCELED");
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();

    /** Applies one message of the job; true when it changed a step. */
    boolean apply(CpeMessage message) {
        if (!(message instanceof ActivityMessage activity) || activity.activityId() == null) {
            return false;
        }
        String step = activity.activityId();
        Row before = rows.get(step);
        TypeRef type =
                activity.activityType() != null ? activity.activityType() : before == null ? null : before.type();
        int attempt = activity.attempt() != null ? activity.attempt() : before == null ? 1 : before.attempt();
        int percent = before == null ? 0 : before.percent();
        Row after;
        if (activity instanceof ActivityScheduled) {
            if (before != null && attempt <= before.attempt()) {
                // A duplicate, or late: that attempt has already been heard of further along.
                return false;
            }
            after = new Row(step, type, "SCHEDULED", 0, attempt, attempt > 1 ? "attempt " + attempt : "");
        } else if (activity instanceof ActivityRetrying retrying) {
            if (before != null
                    && (attempt < before.attempt()
                            || before.state().equals("COMPLETED")
                            || before.state().equals("CANCELED"))) {
                return false;
            }
            after = new Row(
                    step,
                    type,
                    "RETRYING",
                    0,
                    attempt,
                    retrying.reason() + ", attempt " + retrying.nextAttempt() + " in "
                            + seconds(retrying.delaySeconds()));
        } else if (isLate(before)) {
            return false;
        } else if (activity instanceof ActivityStarted) {
            after = new Row(step, type, "RUNNING", percent, attempt, "");
        } else if (activity instanceof ActivityPreparing) {
            after = new Row(step, type, "PREPARING", percent, attempt, "");
        } else if (activity instanceof ActivityFinishing) {
            after = new Row(step, type, "FINISHING", percent, attempt, "");
        } else if (activity instanceof ActivityProgress progress) {
            int reported = progress.percent() == null ? percent : progress.percent();
            after = new Row(step, type, "RUNNING", Math.max(percent, reported), attempt, "");
        } else if (activity instanceof ActivityCompleted) {
            after = new Row(step, type, "COMPLETED", 100, attempt, "");
        } else if (activity instanceof ActivityFailed failed) {
            after = new Row(step, type, "FAILED", percent, attempt, failed.reason() + ": " + failed.details());
        } else if (activity instanceof ActivityTimeout timeout) {
            after = new Row(step, type, "FAILED", percent, attempt, "timed out (" + timeout.timeoutType() + ")");
        } else if (activity instanceof ActivityCanceled) {
            after = new Row(step, type, "CANCELED", percent, attempt, "");
        } else {
            return false;
        }
        rows.put(step, after);
        return !after.equals(before);
    }

    /** The steps heard of so far, in order. */
    List<Row> rows() {
        return new ArrayList<>(rows.values());
    }

    /** A report that arrives after its step ended (messages of a standard queue may come out of order). */
    private static boolean isLate(Row before) {
        return before != null && before.ended();
    }

    private static String seconds(Double value) {
        return value == null ? "?" : (value == Math.floor(value) ? Long.toString(value.longValue()) : value) + " s";
    }
}
