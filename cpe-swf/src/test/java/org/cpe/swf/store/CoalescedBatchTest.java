package org.cpe.swf.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cpe.swf.store.Row.EventRow;
import org.cpe.swf.store.Row.ExecutionRow;
import org.cpe.swf.store.Row.HeartbeatRow;
import org.junit.jupiter.api.Test;

/** Folding a transaction's rows to one per key gives what writing them one by one would. */
class CoalescedBatchTest {

    @Test
    void theLastPutOfARunIsTheOneWritten() {
        CoalescedBatch batch = CoalescedBatch.of(
                List.of(execution("r1", "OPEN", 1), execution("r2", "OPEN", 1), execution("r1", "OPEN", 2)));

        assertThat(batch.executions()).containsExactly(execution("r1", "OPEN", 2), execution("r2", "OPEN", 1));
    }

    @Test
    void closingARunDropsItsEarlierHeartbeatsButNotLaterOnesNorOtherRuns() {
        CoalescedBatch batch = CoalescedBatch.of(List.of(
                heartbeat("r1", 5, "early"),
                heartbeat("r2", 5, "other run"),
                execution("r1", "CLOSED", 3),
                heartbeat("r1", 6, "late")));

        assertThat(batch.closedRuns()).containsExactly("r1");
        assertThat(batch.heartbeats()).containsExactly(heartbeat("r2", 5, "other run"), heartbeat("r1", 6, "late"));
    }

    @Test
    void keepsEveryEventAndTheLastHeartbeatOfEachTask() {
        CoalescedBatch batch = CoalescedBatch.of(List.of(
                new EventRow("r1", 1, "a"),
                heartbeat("r1", 1, "10%"),
                new EventRow("r1", 2, "b"),
                heartbeat("r1", 1, "90%")));

        assertThat(batch.events()).containsExactly(new EventRow("r1", 1, "a"), new EventRow("r1", 2, "b"));
        assertThat(batch.heartbeats()).containsExactly(heartbeat("r1", 1, "90%"));
        assertThat(batch.closedRuns()).isEmpty();
    }

    private static ExecutionRow execution(String runId, String status, int version) {
        return new ExecutionRow(
                runId, "d", "w", "t", "1", status, null, 1L, null, false, List.of(), "{\"v\":" + version + "}");
    }

    private static HeartbeatRow heartbeat(String runId, long scheduledEventId, String details) {
        return new HeartbeatRow(runId, scheduledEventId, details, 1L);
    }
}
