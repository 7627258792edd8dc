package org.cpe.swf.store;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** One change to the durable record; the store writes a list of them in one transaction. */
public sealed interface Change {

    /** A domain registered, deprecated or undeprecated: insert or replace by name. */
    record DomainPut(DomainRecord domain) implements Change {}

    /** A workflow or activity type registered, deprecated or undeprecated: insert or replace by kind, domain, name, version. */
    record TypePut(TypeRecord type) implements Change {}

    /** An execution started or changed (status, close status, cancel requested, counts): insert or replace by run id. A closed one loses its heartbeats. */
    record ExecutionPut(ExecutionRecord execution) implements Change {}

    /** Events appended to a run's history; event ids are unique per run. */
    record EventsAppended(String runId, List<HistoryEvent> events) implements Change {}

    /** The last heartbeat of an activity task: insert or replace by run id and scheduled event id. */
    record HeartbeatPut(String runId, long scheduledEventId, String details, Instant at) implements Change {}
}
