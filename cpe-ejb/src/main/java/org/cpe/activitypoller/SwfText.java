package org.cpe.activitypoller;

import org.cpe.aws.SqsText;

/**
 * SWF's size limits on what a worker sends, and the cut that keeps a text within them: the start is kept and a marker
 * says how much is missing, so that a long result or stack trace is shortened rather than rejected by SWF.
 */
final class SwfText {

    static final int REASON = 256;
    static final int DETAILS = 32_768;
    static final int RESULT = 32_768;
    static final int HEARTBEAT_DETAILS = 2_048;

    private SwfText() {}

    /**
     * {@code text} when it fits in {@code limit} characters, else its start and {@code …[cut N characters]}; a U+0000
     * character becomes U+FFFD.
     */
    static String cut(String text, int limit) {
        if (text != null && text.indexOf('\u0000') >= 0) {
            // U+0000 cannot be stored by the SWF service on PostgreSQL, which refuses such a request.
            text = text.replace('\u0000', '\uFFFD');
        }
        return SqsText.cut(text, limit);
    }
}
