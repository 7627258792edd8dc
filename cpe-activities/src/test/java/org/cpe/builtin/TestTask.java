package org.cpe.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;
import org.cpe.activity.ActivityTask;

/** An {@link ActivityTask} built from JSON input text, as the worker hands one over. */
record TestTask(String activityName, String inputText) implements ActivityTask {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static TestTask of(String inputText) {
        return new TestTask("Test", inputText);
    }

    @Override
    public String jobId() {
        return "job-1";
    }

    @Override
    public String workflowId() {
        return "workflow-1";
    }

    @Override
    public String runId() {
        return "run-1";
    }

    @Override
    public String activityId() {
        return "step-1";
    }

    @Override
    public String activityVersion() {
        return "1";
    }

    @Override
    public JsonNode input() {
        try {
            return JSON.readTree(inputText);
        } catch (JsonProcessingException e) {
            // The worker checks the input is JSON before an activity runs; a test passing anything else is wrong.
            throw new IllegalArgumentException("Test input is not JSON: " + inputText, e);
        }
    }

    @Override
    public <T> T input(Class<T> type) throws ActivityException {
        try {
            return JSON.readValue(inputText, type);
        } catch (JsonProcessingException e) {
            throw new ActivityException(
                    ActivityReasons.INPUT_INVALID,
                    "the input does not fit " + type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
