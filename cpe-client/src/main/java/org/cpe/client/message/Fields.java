package org.cpe.client.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/** Lenient readers of message fields: a missing or mistyped field reads as null, never as an exception. */
final class Fields {

    private Fields() {}

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isNumber() ? value.asInt() : null;
    }

    static Double number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isNumber() ? value.asDouble() : null;
    }

    static boolean flag(JsonNode node, String field) {
        return node != null && node.path(field).asBoolean(false);
    }

    /** A time in epoch seconds with a fraction, as CPE (and the original's {@code microtime(true)}) writes them. */
    static Instant instant(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isNumber()) {
            return null;
        }
        BigDecimal millis = value.decimalValue().movePointRight(3);
        return Instant.ofEpochMilli(millis.longValue());
    }

    /** The member as it is, or null when absent or JSON null. */
    static JsonNode node(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }
}
