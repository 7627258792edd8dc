package org.cpe.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;

/**
 * Whose job a workflow is and where its messages go, read from its start: the tags {@code cpe-job:<jobId>} and
 * {@code cpe-client:<name>} that the InputPoller sets, else (a workflow started some other way) the workflowId as the
 * jobId, and the original's {@code client} object of the workflow input ({@code client.name},
 * {@code client.queues.output}).
 */
public record JobRoute(String jobId, String clientName, String outputQueue) {

    public static final String JOB_TAG = "cpe-job:";
    public static final String CLIENT_TAG = "cpe-client:";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static JobRoute of(String workflowId, List<String> tags, String input) {
        String jobId = tag(tags, JOB_TAG).orElse(workflowId);
        String client = tag(tags, CLIENT_TAG).orElse(null);
        String queue = null;
        JsonNode clientNode = parse(input).path("client");
        if (client == null && clientNode.path("name").isTextual()) {
            client = clientNode.get("name").asText();
        }
        if (clientNode.path("queues").path("output").isTextual()) {
            queue = clientNode.get("queues").get("output").asText();
        }
        return new JobRoute(jobId, client, queue);
    }

    private static Optional<String> tag(List<String> tags, String prefix) {
        return tags == null
                ? Optional.empty()
                : tags.stream()
                        .filter(t -> t.startsWith(prefix))
                        .map(t -> t.substring(prefix.length()))
                        .findFirst();
    }

    private static JsonNode parse(String input) {
        if (input == null || input.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(input);
        } catch (Exception e) {
            return JSON.missingNode();
        }
    }
}
