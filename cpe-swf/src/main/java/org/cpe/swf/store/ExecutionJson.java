package org.cpe.swf.store;

import org.cpe.swf.json.SdkJson;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionResponse;

/**
 * An execution record as the JSON of the DescribeWorkflowExecution response it stands for: that response has
 * exactly the record's parts, so the codec covers them all in one document with no mapping of our own.
 */
final class ExecutionJson {

    private ExecutionJson() {}

    static String write(ExecutionRecord execution) {
        return SdkJson.write(DescribeWorkflowExecutionResponse.builder()
                .executionInfo(execution.info())
                .executionConfiguration(execution.configuration())
                .openCounts(execution.openCounts())
                .latestActivityTaskTimestamp(execution.latestActivityTaskTimestamp())
                .latestExecutionContext(execution.latestExecutionContext())
                .build());
    }

    static ExecutionRecord read(String domain, String json) {
        DescribeWorkflowExecutionResponse response = SdkJson.read(json, DescribeWorkflowExecutionResponse.class);
        return new ExecutionRecord(
                domain,
                response.executionInfo(),
                response.executionConfiguration(),
                response.openCounts(),
                response.latestActivityTaskTimestamp(),
                response.latestExecutionContext());
    }
}
