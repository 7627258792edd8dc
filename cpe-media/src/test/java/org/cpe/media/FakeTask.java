package org.cpe.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cpe.activity.ActivityTask;

/** A task with a given input, for unit tests. */
record FakeTask(String activityName, JsonNode input) implements ActivityTask {

    static FakeTask of(String activityName, String json) {
        try {
            return new FakeTask(activityName, new ObjectMapper().readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public String jobId() {
        return "job";
    }

    @Override
    public String workflowId() {
        return "demo.job";
    }

    @Override
    public String runId() {
        return "run";
    }

    @Override
    public String activityId() {
        return "step";
    }

    @Override
    public String activityVersion() {
        return "1";
    }

    @Override
    public String inputText() {
        return input.toString();
    }

    @Override
    public <T> T input(Class<T> type) {
        throw new UnsupportedOperationException();
    }
}
