package org.cpe.swf.store;

import java.util.List;

/**
 * A change turned into column values in the submitting thread, so that the JSON work spreads over the callers and
 * the single writer only binds and executes. Timestamps are epoch milliseconds.
 */
sealed interface Row {

    /** A domain to insert or replace. */
    record DomainRow(String name, String status, String infoJson, String configJson) implements Row {}

    /** A type to insert or replace. */
    record TypeRow(
            String kind,
            String domain,
            String name,
            String version,
            String status,
            Long creationTs,
            Long deprecationTs,
            String infoJson,
            String configJson)
            implements Row {

        List<String> key() {
            return List.of(kind, domain, name, version);
        }
    }

    /** An execution to insert or replace, with its tags. */
    record ExecutionRow(
            String runId,
            String domain,
            String workflowId,
            String typeName,
            String typeVersion,
            String executionStatus,
            String closeStatus,
            long startTs,
            Long closeTs,
            boolean cancelRequested,
            List<String> tags,
            String recordJson)
            implements Row {

        boolean closed() {
            return "CLOSED".equals(executionStatus);
        }
    }

    /** One history event. */
    record EventRow(String runId, long eventId, String eventJson) implements Row {}

    /** The last heartbeat of an activity task. */
    record HeartbeatRow(String runId, long scheduledEventId, String details, Long atTs) implements Row {}
}
