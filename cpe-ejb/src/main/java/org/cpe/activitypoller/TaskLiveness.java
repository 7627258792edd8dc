package org.cpe.activitypoller;

/**
 * What a running task's heartbeats read: whether its activity showed life since the last beat, the details a beat
 * carries (those the activity set, else its latest progress), and the progress last signaled to the workflow. With
 * manual heartbeats a beat goes out only after life, or as a probe once the heartbeat timeout passed without any, to
 * learn whether SWF still knows the task.
 */
final class TaskLiveness {

    /** What a due heartbeat carries; {@code details} may be null. */
    record Beat(String details) {}

    private final boolean manualHeartbeats;
    /** Known once the task's schedule is read, before its heartbeats start. */
    private volatile long probeAfterNanos = Long.MAX_VALUE;

    private volatile boolean lifeShown;
    /** Set when the activity is called: until then the worker's own preparation must not count as a hang. */
    private volatile boolean handedOver;

    private volatile String heartbeatDetails;
    private volatile String latestProgress;
    /** The percentage last signaled to the workflow; only the heartbeat thread of the task touches it. */
    private int signaledPercent = -1;

    private String signaledFrom;
    private volatile long lastBeatNanos;

    /** @param sinceNanos when the task was taken, the time of its last beat until there is one */
    TaskLiveness(boolean manualHeartbeats, long sinceNanos) {
        this.manualHeartbeats = manualHeartbeats;
        this.lastBeatNanos = sinceNanos;
    }

    /**
     * With manual heartbeats, how long without life before a heartbeat goes out anyway (the task's heartbeat timeout;
     * {@code Long.MAX_VALUE} for none).
     */
    void probeAfter(long nanos) {
        probeAfterNanos = nanos;
    }

    void shown() {
        lifeShown = true;
    }

    /** {@code details}, already cut to SWF's limit, go with the next heartbeats. */
    void details(String details) {
        heartbeatDetails = details;
        lifeShown = true;
    }

    /** The latest progress, as JSON cut to SWF's limit: the beats' details when the activity set none. */
    void progressed(String progress) {
        latestProgress = progress;
    }

    void handedOver() {
        handedOver = true;
        lifeShown = true;
    }

    /** The heartbeat to send now, or null: always with automatic heartbeats; with manual ones after life or a probe. */
    Beat heartbeatDue() {
        boolean due =
                !manualHeartbeats || !handedOver || lifeShown || System.nanoTime() - lastBeatNanos >= probeAfterNanos;
        if (!due) {
            return null;
        }
        lifeShown = false;
        return new Beat(heartbeatDetails != null ? heartbeatDetails : latestProgress);
    }

    /**
     * The progress to signal to the workflow now, or null: when the latest report's {@code progress} passed into a
     * further step of {@code stepPercent} than the last one signaled (the first report counts too).
     */
    String progressSignalDue(int stepPercent) {
        String latest = latestProgress;
        if (stepPercent <= 0 || latest == null || latest.equals(signaledFrom)) {
            return null;
        }
        signaledFrom = latest;
        int percent;
        try {
            var progress = TaskReply.JSON.readTree(latest).path("progress");
            if (!progress.isNumber()) {
                return null;
            }
            percent = Math.max(0, Math.min(100, progress.asInt()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
        if (signaledPercent >= 0 && percent / stepPercent <= signaledPercent / stepPercent) {
            return null;
        }
        signaledPercent = percent;
        return latest;
    }

    void beaten() {
        lastBeatNanos = System.nanoTime();
    }
}
