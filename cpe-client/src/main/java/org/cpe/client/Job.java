package org.cpe.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import org.cpe.protocol.CommandType;
import org.cpe.protocol.Envelope;

/**
 * A job to start: the {@code data} of a {@code START_JOB}, which names the workflow ({@code workflow: {name,
 * version}}, a plan's name and version) beside the job's own fields, exactly as the original client SDK took it, and
 * optionally the jobId. Immutable; each {@code with…} returns a copy.
 */
public final class Job {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode data;
    private final String jobId;

    private Job(ObjectNode data, String jobId) {
        this.data = data;
        this.jobId = jobId;
    }

    /** A job of the plan {@code name} / {@code version} with no input fields yet. */
    public static Job of(String name, String version) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        ObjectNode data = JSON.createObjectNode();
        data.putObject("workflow").put("name", name).put("version", version);
        return new Job(data, null);
    }

    /**
     * A job from a job file: either the {@code START_JOB} data ({@code {"workflow": {...}, ...}}, the original SDK's
     * input) or a whole command envelope ({@code {"type": "START_JOB", "jobId": ..., "data": {...}}}), whose jobId is
     * kept.
     *
     * @throws IllegalArgumentException when the text is not such a JSON object, naming what is wrong
     */
    public static Job fromJson(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a job is a JSON object with a \"workflow\": {\"name\", \"version\"}");
        }
        String jobId = null;
        if (node.has("type") && node.path("data").isObject()) {
            if (!CommandType.START_JOB.name().equals(Envelope.type(node))) {
                throw new IllegalArgumentException(
                        "the command is " + node.path("type") + "; a job file holds a START_JOB or its data");
            }
            jobId = node.hasNonNull("jobId") ? node.get("jobId").asText() : null;
            node = node.get("data");
        }
        JsonNode workflow = node.path("workflow");
        if (!workflow.path("name").isTextual() || workflow.path("version").isMissingNode()) {
            throw new IllegalArgumentException(
                    "the job names no workflow: it needs \"workflow\": {\"name\": <plan name>, \"version\": <plan version>}");
        }
        return new Job(((ObjectNode) node).deepCopy(), jobId);
    }

    /** The same job with {@code field} set to {@code value} (any value Jackson can write as JSON). */
    public Job with(String field, Object value) {
        if ("workflow".equals(field)) {
            throw new IllegalArgumentException("the workflow is set by Job.of(name, version)");
        }
        ObjectNode copy = data.deepCopy();
        copy.set(field, JSON.valueToTree(value));
        return new Job(copy, jobId);
    }

    /** The same job with every entry of {@code fields} set. */
    public Job withAll(Map<String, ?> fields) {
        Job job = this;
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            job = job.with(field.getKey(), field.getValue());
        }
        return job;
    }

    /**
     * The same job with this jobId: starting it again (or a redelivered command) never starts a second workflow, it
     * is answered with the first one.
     */
    public Job withJobId(String id) {
        return new Job(data, Objects.requireNonNull(id, "jobId"));
    }

    /** The same job with its own execution start-to-close timeout (seconds), instead of the plan's. */
    public Job withTimeoutSeconds(long seconds) {
        ObjectNode copy = data.deepCopy();
        ((ObjectNode) copy.get("workflow")).put("executionStartToCloseTimeout", Long.toString(seconds));
        return new Job(copy, jobId);
    }

    /** The jobId given, or null when the client should make one up. */
    public String jobId() {
        return jobId;
    }

    /** The plan's name. */
    public String workflowName() {
        return data.path("workflow").path("name").asText();
    }

    /** The plan's version. */
    public String workflowVersion() {
        return data.path("workflow").path("version").asText();
    }

    /** A copy of the {@code START_JOB} data. */
    public ObjectNode data() {
        return data.deepCopy();
    }

    @Override
    public String toString() {
        return "Job[" + (jobId == null ? "" : jobId + ", ") + data + "]";
    }
}
