package org.cpe.aws;

/**
 * Message text as SQS takes it. SQS refuses a whole message (InvalidMessageContents) for one character outside XML's
 * set: a lone UTF-16 surrogate (as in a parser's message about a cut emoji), U+FFFE, U+FFFF or a raw control
 * character. Such characters become U+FFFD, so that a reply about bad input is still delivered. Text with a limit of
 * its own is {@link #cut} to it.
 */
public final class SqsText {

    private static final char REPLACEMENT = '\uFFFD';

    private SqsText() {}

    /**
     * {@code text} when it fits in {@code limit} characters, else its start and {@code …[cut N characters]}, N being
     * how many were left out, within {@code limit} characters in all; a surrogate pair is never split.
     */
    public static String cut(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        // The marker's own length depends on the number in it; one pass with the longest number is enough.
        String longest = marker(text.length());
        int keep = Math.max(0, limit - longest.length());
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + marker(text.length() - keep);
    }

    private static String marker(int missing) {
        return "…[cut " + missing + " characters]";
    }

    public static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean allowed =
                    c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xD800) || (c > 0xDFFF && c < 0xFFFE);
            if (!allowed && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(allowed ? c : REPLACEMENT);
            }
        }
        return out == null ? text : out.toString();
    }
}
