package org.cpe.decider.logic;

/** SWF's limits on the texts of decisions, and cutting a text to fit instead of failing the decision. */
final class SwfLimits {

    /** SWF's limit on inputs, results, reasons' details. */
    static final int MAX_TEXT = 32_768;

    static final int MAX_REASON = 256;

    private SwfLimits() {}

    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        String marker = "…[truncated]";
        return text.substring(0, max - marker.length()) + marker;
    }
}
