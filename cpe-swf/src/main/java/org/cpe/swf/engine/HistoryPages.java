package org.cpe.swf.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Pages of a history. The token names the run, the last event the history ends at (a decision task sees the
 * history up to its start) and the next position, so later pages of a decision task need only the token.
 */
final class HistoryPages {

    /** A decoded page token. */
    record Position(String runId, long lastEventId, int next, boolean reverse) {}

    /** One page and the token of the next. */
    record Result(List<HistoryEvent> events, String nextPageToken) {}

    private HistoryPages() {}

    /** The page of events 1..lastEventId (a prefix of {@code events}) from the token's position. */
    static Result page(List<HistoryEvent> events, String runId, long lastEventId, int from, int size, boolean reverse) {
        int total = (int) Math.min(lastEventId, events.size());
        int to = Math.min(total, from + size);
        List<HistoryEvent> page = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            page.add(events.get(reverse ? total - 1 - i : i));
        }
        String next = to < total ? encode(new Position(runId, lastEventId, to, reverse)) : null;
        return new Result(page, next);
    }

    static String encode(Position p) {
        String raw = p.runId() + "|" + p.lastEventId() + "|" + p.next() + "|" + (p.reverse() ? 1 : 0);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Position decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            if (parts.length == 4) {
                Position p = new Position(
                        parts[0], Long.parseLong(parts[1]), Integer.parseInt(parts[2]), "1".equals(parts[3]));
                if (p.next() >= 0 && p.lastEventId() >= 0) {
                    return p;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the fault
        }
        throw Check.fail("nextPageToken", "Member must be a token returned by the previous page of the same history");
    }
}
