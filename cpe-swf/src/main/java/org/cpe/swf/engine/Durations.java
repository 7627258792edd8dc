package org.cpe.swf.engine;

import java.time.Duration;

/** SWF's durations: a string of whole seconds, or {@code NONE} for unlimited. */
final class Durations {

    static final String NONE = "NONE";

    private Durations() {}

    static boolean isValid(String value) {
        if (NONE.equals(value)) {
            return true;
        }
        try {
            return Long.parseLong(value) >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The duration, or null when unlimited or unset. */
    static Duration of(String value) {
        if (value == null || NONE.equals(value)) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }

    /** The first of the values that is set. */
    static String firstSet(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
