package org.cpe.swf.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A member that cannot be read, carried out of the recursive reader; each level adds its member name on the way out,
 * so the path costs nothing while reading succeeds.
 */
final class MemberException extends RuntimeException {

    private final transient Deque<String> path = new ArrayDeque<>();

    MemberException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }

    /** This error, as seen from the object or array that holds it: {@code segment} is a name or an {@code [index]}. */
    MemberException within(String segment) {
        path.addFirst(segment);
        return this;
    }

    /** The path from the top-level object, e.g. {@code decisions[0].scheduleActivityTaskDecisionAttributes.input}. */
    String path() {
        StringBuilder text = new StringBuilder();
        for (String segment : path) {
            if (!text.isEmpty() && !segment.startsWith("[")) {
                text.append('.');
            }
            text.append(segment);
        }
        return text.toString();
    }
}
