package org.cpe.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * The filters of a {@code GET_JOB_LIST}, read from its {@code data}: {@code status} (OPEN, CLOSED or a close status),
 * {@code workflow: {name, version}}, {@code startedAfter} and {@code startedBefore} (epoch seconds or ISO-8601),
 * {@code pageSize} (1-100, default 20) and the {@code nextPageToken} of the previous page. Parsing is pure.
 */
record JobListFilter(
        String status,
        String typeName,
        String typeVersion,
        Instant startedAfter,
        Instant startedBefore,
        int pageSize,
        Position position) {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    static final Set<String> CLOSE_STATUSES =
            Set.of("COMPLETED", "FAILED", "CANCELED", "TERMINATED", "TIMED_OUT", "CONTINUED_AS_NEW");

    /** Where a listing goes on: the open or closed jobs, SWF's page token there, and the page size it was made with. */
    record Position(boolean open, String swfToken, int size) {

        String encode() {
            ObjectNode node = JobReport.JSON.createObjectNode();
            node.put("open", open);
            node.put("swf", swfToken);
            node.put("size", size);
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String token) throws InvalidFilter {
            try {
                JsonNode node = JobReport.JSON.readTree(Base64.getUrlDecoder().decode(token));
                if (!node.path("open").isBoolean() || !node.path("size").isInt()) {
                    throw new InvalidFilter("INVALID_PAGE_TOKEN", "nextPageToken is not one this server gave");
                }
                String swf = node.path("swf").isTextual() ? node.path("swf").asText() : null;
                return new Position(
                        node.path("open").asBoolean(), swf, node.path("size").asInt());
            } catch (IllegalArgumentException | java.io.IOException e) {
                throw new InvalidFilter("INVALID_PAGE_TOKEN", "nextPageToken is not one this server gave");
            }
        }
    }

    /** A filter that cannot be used: a reason code and a message. */
    static final class InvalidFilter extends Exception {
        private static final long serialVersionUID = 1L;
        final String reason;

        InvalidFilter(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    /** Whether open jobs are listed at all (no status, or OPEN). */
    boolean wantsOpen() {
        return status == null || status.equals("OPEN");
    }

    boolean wantsClosed() {
        return status == null || !status.equals("OPEN");
    }

    static JobListFilter parse(JsonNode data) throws InvalidFilter {
        String status = null;
        JsonNode s = data.get("status");
        if (s != null && !s.isNull()) {
            status = s.asText().toUpperCase(Locale.ROOT);
            if (!s.isTextual()
                    || !status.equals("OPEN") && !status.equals("CLOSED") && !CLOSE_STATUSES.contains(status)) {
                throw new InvalidFilter(
                        "INVALID_FILTER",
                        "status must be OPEN, CLOSED or one of "
                                + String.join(
                                        ", ", CLOSE_STATUSES.stream().sorted().toList()) + ", not " + s);
            }
        }
        String name = null;
        String version = null;
        JsonNode workflow = data.get("workflow");
        if (workflow != null && !workflow.isNull()) {
            if (!workflow.isObject() || !workflow.path("name").isTextual()) {
                throw new InvalidFilter("INVALID_FILTER", "workflow must be {\"name\": ..., \"version\": ...}");
            }
            name = workflow.path("name").asText();
            version = workflow.path("version").isValueNode()
                            && !workflow.path("version").isNull()
                    ? workflow.path("version").asText()
                    : null;
        }
        Instant after = time(data, "startedAfter");
        Instant before = time(data, "startedBefore");
        if (after != null && before != null && after.isAfter(before)) {
            throw new InvalidFilter("INVALID_FILTER", "startedAfter is later than startedBefore");
        }
        int pageSize = DEFAULT_PAGE_SIZE;
        JsonNode size = data.get("pageSize");
        if (size != null && !size.isNull()) {
            if (!size.canConvertToInt()
                    || !size.isIntegralNumber()
                    || size.asInt() < 1
                    || size.asInt() > MAX_PAGE_SIZE) {
                throw new InvalidFilter("INVALID_FILTER", "pageSize must be a whole number from 1 to " + MAX_PAGE_SIZE);
            }
            pageSize = size.asInt();
        }
        Position position = null;
        JsonNode token = data.get("nextPageToken");
        if (token != null && !token.isNull()) {
            if (!token.isTextual()) {
                throw new InvalidFilter("INVALID_PAGE_TOKEN", "nextPageToken must be the string of the previous page");
            }
            position = Position.decode(token.asText());
        }
        return new JobListFilter(status, name, version, after, before, pageSize, position);
    }

    private static Instant time(JsonNode data, String field) throws InvalidFilter {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
        }
        if (value.isTextual()) {
            try {
                return Instant.parse(value.asText());
            } catch (DateTimeParseException e) {
                // fall through to the error
            }
        }
        throw new InvalidFilter(
                "INVALID_FILTER", field + " must be epoch seconds or an ISO-8601 instant such as 2026-11-23T10:15:30Z");
    }
}
