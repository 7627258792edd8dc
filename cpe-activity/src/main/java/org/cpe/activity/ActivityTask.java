package org.cpe.activity;

import com.fasterxml.jackson.databind.JsonNode;

/** One task handed to an {@link Activity}: its input and where it belongs. */
public interface ActivityTask {

    /** The job the task belongs to: the client's jobId, or the workflowId for a workflow started without one. */
    String jobId();

    String workflowId();

    String runId();

    /** The activityId the Decider gave the task (the plan's step name). */
    String activityId();

    String activityName();

    String activityVersion();

    /** The input as received: JSON text, never blank (a task without input fails before the activity runs). */
    String inputText();

    /** The input parsed (it is checked to be JSON before the activity runs). */
    JsonNode input();

    /**
     * The input bound to {@code type} with Jackson (unknown properties ignored).
     *
     * @throws ActivityException with reason {@value ActivityReasons#INPUT_INVALID} naming what did not fit
     */
    <T> T input(Class<T> type) throws ActivityException;
}
