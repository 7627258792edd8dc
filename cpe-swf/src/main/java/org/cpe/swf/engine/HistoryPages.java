package org.cpe.swf.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Pages of a history. The token names the run, the last event the history ends at (a decision task sees the
 * history up to its start) and the next position, so later pages of a decision task need only the token. It also
 * says whose page it is: SWF takes a decision task's token only from PollForDecisionTask and a history's only from
 * GetWorkflowExecutionHistory.
 */
final class HistoryPages {

    /** Whose pages a token continues. */
    enum Kind {
        HISTORY("h"),
        DECISION_TASK("d");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }
    }

    /** A decoded page token. */
    record Position(Kind kind, String runId, long lastEventId, int next, boolean reverse) {}

    /** One page and the token of the next. */
    record Result(List<HistoryEvent> events, String nextPageToken) {}

    private HistoryPages() {}

    /** The page of events 1..lastEventId (a prefix of {@code events}) from the token's position. */
    static Result page(
            Kind kind, List<HistoryEvent> events, String runId, long lastEventId, int from, int size, boolean reverse) {
        int total = (int) Math.min(lastEventId, events.size());
        int to = Math.min(total, from + size);
        List<HistoryEvent> page = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            page.add(events.get(reverse ? total - 1 - i : i));
        }
        String next = to < total ? encode(new Position(kind, runId, lastEventId, to, reverse)) : null;
        return new Result(page, next);
    }

    static String encode(Position p) {
        String raw =
                p.kind().tag + "|" + p.runId() + "|" + p.lastEventId() + "|" + p.next() + "|" + (p.reverse() ? 1 : 0);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a token of that kind names; any other token is a validation error. */
    static Position decode(String token, Kind expected) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            if (parts.length == 5 && parts[0].equals(expected.tag)) {
                Position p = new Position(
                        expected, parts[1], Long.parseLong(parts[2]), Integer.parseInt(parts[3]), "1".equals(parts[4]));
                if (p.next() >= 0 && p.lastEventId() >= 0) {
                    return p;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the fault
        }
        throw invalid();
    }

    static RuntimeException invalid() {
        return Check.fail("nextPageToken", "Member must be a token returned by the previous page of the same history");
    }
}
