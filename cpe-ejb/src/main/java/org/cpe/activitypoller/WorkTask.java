package org.cpe.activitypoller;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;
import org.cpe.activity.ActivityTask;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;

/** A polled task as an activity sees it, with its input already parsed. */
record WorkTask(
        String jobId,
        String workflowId,
        String runId,
        String activityId,
        String activityName,
        String activityVersion,
        String inputText,
        JsonNode input)
        implements ActivityTask {

    private static final ObjectMapper BINDER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static WorkTask of(PollForActivityTaskResponse task, String jobId, JsonNode input) {
        return new WorkTask(
                jobId,
                task.workflowExecution().workflowId(),
                task.workflowExecution().runId(),
                task.activityId(),
                task.activityType().name(),
                task.activityType().version(),
                task.input(),
                input);
    }

    @Override
    public <T> T input(Class<T> type) throws ActivityException {
        try {
            return BINDER.treeToValue(input, type);
        } catch (Exception e) {
            throw new ActivityException(
                    ActivityReasons.INPUT_INVALID,
                    "The input does not fit " + type.getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }
}
