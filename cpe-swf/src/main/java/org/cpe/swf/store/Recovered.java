package org.cpe.swf.store;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** What the engine rebuilds itself from at start. */
public record Recovered(List<DomainRecord> domains, List<TypeRecord> types, List<OpenExecution> openExecutions) {

    /** An open execution, its whole history by ascending event id, and the last heartbeat of each activity task. */
    public record OpenExecution(ExecutionRecord execution, List<HistoryEvent> events, List<Heartbeat> heartbeats) {}

    /** The last heartbeat of an activity task. */
    public record Heartbeat(long scheduledEventId, String details, Instant at) {}
}
