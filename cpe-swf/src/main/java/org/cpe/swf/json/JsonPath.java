package org.cpe.swf.json;

import java.util.ArrayDeque;
import java.util.Deque;
import software.amazon.awssdk.thirdparty.jackson.core.JsonStreamContext;

/** Where a streaming parser stands, as a member path such as {@code decisions[1].startTimerDecisionAttributes}. */
final class JsonPath {

    private JsonPath() {}

    static String of(JsonStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                segments.addFirst("[" + Math.max(at.getCurrentIndex(), 0) + "]");
            } else if (at.getCurrentName() != null) {
                segments.addFirst(at.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (!path.isEmpty() && !segment.startsWith("[")) {
                path.append('.');
            }
            path.append(segment);
        }
        return path.toString();
    }
}
