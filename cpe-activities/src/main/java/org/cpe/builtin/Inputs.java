package org.cpe.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;
import org.cpe.activity.ActivityTask;

/** Reads fields of a task's JSON input, failing with {@code INPUT_INVALID} and a message that says what is allowed. */
final class Inputs {

    private Inputs() {}

    /** The task's input, which must be a JSON object. */
    static JsonNode object(ActivityTask task) throws ActivityException {
        JsonNode input = task.input();
        if (input == null || !input.isObject()) {
            throw invalid("the input must be a JSON object");
        }
        return input;
    }

    /**
     * True when {@code field} has a value. A JSON null counts as absent because plan templates render an absent input
     * field as {@code null}.
     */
    static boolean present(JsonNode input, String field) {
        JsonNode value = input.get(field);
        return value != null && !value.isNull();
    }

    static void requireExactlyOne(JsonNode input, String first, String second) throws ActivityException {
        boolean hasFirst = present(input, first);
        if (hasFirst == present(input, second)) {
            throw invalid("give exactly one of \"" + first + "\" or \"" + second + "\", not "
                    + (hasFirst ? "both" : "neither"));
        }
    }

    /** The string in {@code field}, or null when absent. */
    static String text(JsonNode input, String field) throws ActivityException {
        if (!present(input, field)) {
            return null;
        }
        JsonNode value = input.get(field);
        if (!value.isTextual()) {
            throw invalid("\"" + field + "\" must be a string, not " + value);
        }
        return value.textValue();
    }

    /** The boolean in {@code field}, false when absent. */
    static boolean flag(JsonNode input, String field) throws ActivityException {
        if (!present(input, field)) {
            return false;
        }
        JsonNode value = input.get(field);
        if (!value.isBoolean()) {
            throw invalid("\"" + field + "\" must be true or false, not " + value);
        }
        return value.booleanValue();
    }

    /** The whole number in {@code field} within {@code min..max}, or {@code fallback} when absent. */
    static long number(JsonNode input, String field, long fallback, long min, long max) throws ActivityException {
        if (!present(input, field)) {
            return fallback;
        }
        JsonNode value = input.get(field);
        if (!value.isIntegralNumber()
                || !value.canConvertToLong()
                || value.longValue() < min
                || value.longValue() > max) {
            throw invalid("\"" + field + "\" must be a whole number from " + min + " to " + max + ", not " + value);
        }
        return value.longValue();
    }

    /** One of {@code allowed} (matched ignoring case, returned as listed), or {@code fallback} when absent. */
    static String choice(JsonNode input, String field, String fallback, List<String> allowed) throws ActivityException {
        String value = text(input, field);
        if (value == null) {
            return fallback;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw invalid("\"" + field + "\" must be one of " + String.join(", ", allowed) + ", not \"" + value + "\"");
    }

    static ActivityException invalid(String details) {
        return new ActivityException(ActivityReasons.INPUT_INVALID, details);
    }
}
