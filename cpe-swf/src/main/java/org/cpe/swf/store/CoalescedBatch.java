package org.cpe.swf.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cpe.swf.store.Row.DomainRow;
import org.cpe.swf.store.Row.EventRow;
import org.cpe.swf.store.Row.ExecutionRow;
import org.cpe.swf.store.Row.HeartbeatRow;
import org.cpe.swf.store.Row.TypeRow;

/**
 * The rows of one transaction with each key kept once, at its last value: a busy run is put many times per batch and
 * only the last put has to reach the database. Folding in submission order keeps the outcome of writing the rows
 * one by one, so the writer may then run one batched statement per table. One row per key also keeps
 * PostgreSQL's reWriteBatchedInserts (many rows per INSERT) from meeting the same key twice in one statement.
 */
final class CoalescedBatch {

    private final Map<String, DomainRow> domains = new LinkedHashMap<>();
    private final Map<List<String>, TypeRow> types = new LinkedHashMap<>();
    private final Map<String, ExecutionRow> executions = new LinkedHashMap<>();
    private final Map<String, Map<Long, EventRow>> events = new LinkedHashMap<>();
    private final Set<String> closedRuns = new LinkedHashSet<>();
    private final Map<String, Map<Long, HeartbeatRow>> heartbeats = new LinkedHashMap<>();

    static CoalescedBatch of(Iterable<Row> rows) {
        CoalescedBatch batch = new CoalescedBatch();
        rows.forEach(batch::add);
        return batch;
    }

    private void add(Row row) {
        if (row instanceof DomainRow domain) {
            domains.put(domain.name(), domain);
        } else if (row instanceof TypeRow type) {
            types.put(type.key(), type);
        } else if (row instanceof ExecutionRow execution) {
            executions.put(execution.runId(), execution);
            if (execution.closed()) {
                // Heartbeats queued before the close die with it; the stored ones are deleted before any
                // heartbeat queued after it is written.
                closedRuns.add(execution.runId());
                heartbeats.remove(execution.runId());
            }
        } else if (row instanceof EventRow event) {
            events.computeIfAbsent(event.runId(), run -> new LinkedHashMap<>()).put(event.eventId(), event);
        } else if (row instanceof HeartbeatRow heartbeat) {
            heartbeats
                    .computeIfAbsent(heartbeat.runId(), run -> new LinkedHashMap<>())
                    .put(heartbeat.scheduledEventId(), heartbeat);
        }
    }

    Collection<DomainRow> domains() {
        return domains.values();
    }

    Collection<TypeRow> types() {
        return types.values();
    }

    Collection<ExecutionRow> executions() {
        return executions.values();
    }

    List<EventRow> events() {
        List<EventRow> all = new ArrayList<>();
        events.values().forEach(run -> all.addAll(run.values()));
        return all;
    }

    /** Runs whose stored heartbeats are deleted. */
    Set<String> closedRuns() {
        return closedRuns;
    }

    List<HeartbeatRow> heartbeats() {
        List<HeartbeatRow> all = new ArrayList<>();
        heartbeats.values().forEach(run -> all.addAll(run.values()));
        return all;
    }
}
