package org.cpe.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A client application as CPE knows it: a name and its two SQS queues, the original CPE's
 * {@code {"name": …, "queues": {"input": …, "output": …}}}.
 *
 * <p>A queue is named either by its SQS queue name ({@code demo-input}) or by its full queue URL
 * ({@code https://sqs.eu-west-1.amazonaws.com/123456789012/demo-input}).
 */
public record ClientDefinition(String name, String inputQueue, String outputQueue) {

    /** Client names end up in queue names and SQS attributes, so they keep to SQS's queue-name alphabet. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** SQS queue names: up to 80 letters, digits, hyphens and underscores, with {@code .fifo} for FIFO queues. */
    public static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,75}(\\.fifo)?|[A-Za-z0-9_-]{1,80}");

    public ClientDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inputQueue, "inputQueue");
        Objects.requireNonNull(outputQueue, "outputQueue");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "client name '" + name + "' is not allowed: use 1 to 64 letters, digits, '-' or '_'");
        }
        requireQueueReference("input", inputQueue);
        requireQueueReference("output", outputQueue);
    }

    /** The client with the default queue names {@code <name>-input} and {@code <name>-output}. */
    public static ClientDefinition withDefaultQueues(String name) {
        return new ClientDefinition(name, name + "-input", name + "-output");
    }

    /** Whether {@code reference} is an SQS queue name or an http(s) queue URL. */
    public static boolean isQueueReference(String reference) {
        return reference != null && (QUEUE_NAME.matcher(reference).matches() || isQueueUrl(reference));
    }

    /**
     * The client definition in the original's JSON, {@code {"name": …, "queues": {"input": …, "output": …}}}; the
     * queues default to {@code <name>-input} and {@code <name>-output}.
     *
     * @throws IllegalArgumentException naming what is missing or not allowed
     */
    public static ClientDefinition fromJson(String json) {
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the client definition is not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.path("name").isTextual()) {
            throw new IllegalArgumentException(
                    "a client definition is {\"name\": ..., \"queues\": {\"input\": ..., \"output\": ...}}");
        }
        String name = node.get("name").asText();
        JsonNode queues = node.path("queues");
        return new ClientDefinition(
                name,
                queues.path("input").isTextual() ? queues.get("input").asText() : name + "-input",
                queues.path("output").isTextual() ? queues.get("output").asText() : name + "-output");
    }

    /** Whether {@code value} is an http(s) URL with a host. */
    public static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Whether {@code reference} is a full http(s) queue URL rather than a bare queue name. */
    public static boolean isQueueUrl(String reference) {
        try {
            URI uri = new URI(reference);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getPath() != null
                    && uri.getPath().length() > 1;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The queue name part of a reference: the reference itself, or the last path segment of a queue URL. */
    public static String queueName(String reference) {
        if (!isQueueUrl(reference)) {
            return reference;
        }
        String path = URI.create(reference).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void requireQueueReference(String which, String reference) {
        if (!isQueueReference(reference)) {
            throw new IllegalArgumentException(
                    which + " queue '" + reference
                            + "' is not allowed: use an SQS queue name (letters, digits, '-', '_', up to 80) or an http(s) queue URL");
        }
    }
}
