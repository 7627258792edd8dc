package org.cpe.swf.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.List;
import org.cpe.swf.store.Row.DomainRow;
import org.cpe.swf.store.Row.EventRow;
import org.cpe.swf.store.Row.ExecutionRow;
import org.cpe.swf.store.Row.HeartbeatRow;
import org.cpe.swf.store.Row.TypeRow;

/**
 * Writes one coalesced batch in the caller's transaction, one batched statement per table. A retry upserts
 * everything, so writing a batch again after a failed commit that did reach the database does no harm; a first
 * attempt inserts events plainly, which costs H2 about half as much as its MERGE (a failed update, then an insert).
 */
final class BatchWriter {

    private final String putDomain;
    private final String putType;
    private final String putExecution;
    private final String putTag;
    private final String insertEvent;
    private final String putEvent;
    private final String deleteHeartbeats;
    private final String putHeartbeat;

    BatchWriter(Dialect dialect) {
        putDomain = dialect.upsert("swf_domains", List.of("name"), List.of("status", "info_json", "config_json"));
        putType = dialect.upsert(
                "swf_types",
                List.of("kind", "domain", "name", "version"),
                List.of("status", "creation_ts", "deprecation_ts", "info_json", "config_json"));
        putExecution = dialect.upsert(
                "swf_executions",
                List.of("run_id"),
                List.of(
                        "domain",
                        "workflow_id",
                        "type_name",
                        "type_version",
                        "execution_status",
                        "close_status",
                        "start_ts",
                        "close_ts",
                        "cancel_requested",
                        "record_json"));
        putTag = dialect.upsert("swf_execution_tags", List.of("run_id", "tag"), List.of());
        insertEvent = "INSERT INTO swf_history_events (run_id, event_id, event_json) VALUES (?, ?, ?)";
        putEvent = dialect.upsert("swf_history_events", List.of("run_id", "event_id"), List.of("event_json"));
        deleteHeartbeats = "DELETE FROM swf_heartbeats WHERE run_id = ?";
        putHeartbeat =
                dialect.upsert("swf_heartbeats", List.of("run_id", "scheduled_event_id"), List.of("details", "at_ts"));
    }

    /** @param retry whether an earlier attempt at these rows failed, perhaps after committing some of them */
    void write(Connection connection, CoalescedBatch batch, boolean retry) throws SQLException {
        execute(connection, putDomain, batch.domains(), BatchWriter::bindDomain);
        execute(connection, putType, batch.types(), BatchWriter::bindType);
        execute(connection, putExecution, batch.executions(), BatchWriter::bindExecution);
        // SWF fixes a run's tags when it starts, so a put adds the tags it has and never has to remove one.
        execute(connection, putTag, batch.executions(), (statement, execution) -> {
            for (String tag : execution.tags()) {
                statement.setString(1, execution.runId());
                statement.setString(2, tag);
                statement.addBatch();
            }
        });
        execute(connection, retry ? putEvent : insertEvent, batch.events(), BatchWriter::bindEvent);
        execute(connection, deleteHeartbeats, batch.closedRuns(), (statement, runId) -> {
            statement.setString(1, runId);
            statement.addBatch();
        });
        execute(connection, putHeartbeat, batch.heartbeats(), BatchWriter::bindHeartbeat);
    }

    /** Adds each row's parameter sets to the statement's batch. */
    private interface Binder<T> {
        void add(PreparedStatement statement, T row) throws SQLException;
    }

    private static <T> void execute(Connection connection, String sql, Collection<T> rows, Binder<T> binder)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T row : rows) {
                binder.add(statement, row);
            }
            statement.executeBatch();
        }
    }

    private static void bindDomain(PreparedStatement statement, DomainRow row) throws SQLException {
        statement.setString(1, row.name());
        statement.setString(2, row.status());
        statement.setString(3, row.infoJson());
        statement.setString(4, row.configJson());
        statement.addBatch();
    }

    private static void bindType(PreparedStatement statement, TypeRow row) throws SQLException {
        statement.setString(1, row.kind());
        statement.setString(2, row.domain());
        statement.setString(3, row.name());
        statement.setString(4, row.version());
        statement.setString(5, row.status());
        setLong(statement, 6, row.creationTs());
        setLong(statement, 7, row.deprecationTs());
        statement.setString(8, row.infoJson());
        statement.setString(9, row.configJson());
        statement.addBatch();
    }

    private static void bindExecution(PreparedStatement statement, ExecutionRow row) throws SQLException {
        statement.setString(1, row.runId());
        statement.setString(2, row.domain());
        statement.setString(3, row.workflowId());
        statement.setString(4, row.typeName());
        statement.setString(5, row.typeVersion());
        statement.setString(6, row.executionStatus());
        statement.setString(7, row.closeStatus());
        statement.setLong(8, row.startTs());
        setLong(statement, 9, row.closeTs());
        statement.setBoolean(10, row.cancelRequested());
        statement.setString(11, row.recordJson());
        statement.addBatch();
    }

    private static void bindEvent(PreparedStatement statement, EventRow row) throws SQLException {
        statement.setString(1, row.runId());
        statement.setLong(2, row.eventId());
        statement.setString(3, row.eventJson());
        statement.addBatch();
    }

    private static void bindHeartbeat(PreparedStatement statement, HeartbeatRow row) throws SQLException {
        statement.setString(1, row.runId());
        statement.setLong(2, row.scheduledEventId());
        statement.setString(3, row.details());
        setLong(statement, 4, row.atTs());
        statement.addBatch();
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}
