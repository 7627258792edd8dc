package org.cpe.swf.engine;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run ids that sort by creation time: 16 hex digits of the start time in milliseconds shifted left by 16 bits
 * (a counter in those bits keeps ids of one millisecond apart and in order), then 16 random hex digits. SWF's run
 * ids are opaque, so clients see no difference; the store's B-trees do. Rows keyed by run id (executions, history
 * events, heartbeats) of the runs that are busy now sit together at the right end of each tree, so a commit
 * rewrites a few pages instead of one page per busy run scattered over a tree that grows with every run ever held.
 */
final class RunIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    private static final AtomicLong LAST = new AtomicLong();

    private RunIds() {}

    static String next() {
        long stamp = LAST.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() << 16));
        return HEX.toHexDigits(stamp) + HEX.toHexDigits(RANDOM.nextLong());
    }
}
