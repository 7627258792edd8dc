package org.cpe.sqs;

/**
 * Message text as SQS takes it. SQS refuses a whole message (InvalidMessageContents) for one character outside XML's
 * set: a lone UTF-16 surrogate (as in a parser's message about a cut emoji), U+FFFE, U+FFFF or a raw control
 * character. Such characters become U+FFFD, so that a reply about bad input is still delivered.
 */
public final class SqsText {

    private static final char REPLACEMENT = '\uFFFD';

    private SqsText() {}

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
