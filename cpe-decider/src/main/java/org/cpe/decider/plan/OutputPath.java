package org.cpe.decider.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code outputs_spec} expression: the path subset of the original's YAQL that its plans use, {@code $} (the whole
 * result), {@code $.a.b} (members) and {@code $.a[0]} (list elements). A path that leads nowhere yields null, as YAQL's
 * did.
 */
public final class OutputPath {

    private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_-]*)|\\[(\\d+)]");

    private final String text;
    private final List<Object> segments;

    private OutputPath(String text, List<Object> segments) {
        this.text = text;
        this.segments = segments;
    }

    public static OutputPath parse(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("$")) {
            throw new IllegalArgumentException("an output path starts with $, as in $ or $.a.b: " + text);
        }
        List<Object> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(trimmed);
        int at = 1;
        while (at < trimmed.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("unsupported output path (use $, $.a.b or $.a[0]): " + text);
            }
            segments.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
            at = m.end();
        }
        return new OutputPath(trimmed, List.copyOf(segments));
    }

    public JsonNode apply(JsonNode result) {
        JsonNode node = result;
        for (Object segment : segments) {
            if (node == null || node.isNull()) {
                return NullNode.getInstance();
            }
            node = segment instanceof Integer index ? node.get(index) : node.get((String) segment);
        }
        return node == null ? NullNode.getInstance() : node;
    }

    @Override
    public String toString() {
        return text;
    }
}
