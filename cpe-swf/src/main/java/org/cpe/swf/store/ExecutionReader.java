package org.cpe.swf.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpe.swf.json.SdkJson;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/** Reads one stored execution and its history. */
final class ExecutionReader {

    private ExecutionReader() {}

    static Optional<ExecutionRecord> execution(Connection connection, String domain, String workflowId, String runId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT record_json FROM swf_executions WHERE run_id = ? AND domain = ? AND workflow_id = ?")) {
            statement.setString(1, runId);
            statement.setString(2, domain);
            statement.setString(3, workflowId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(ExecutionJson.read(domain, rows.getString(1))) : Optional.empty();
            }
        }
    }

    static List<HistoryEvent> history(Connection connection, String runId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT event_json FROM swf_history_events WHERE run_id = ? ORDER BY event_id")) {
            statement.setString(1, runId);
            try (ResultSet rows = statement.executeQuery()) {
                List<HistoryEvent> events = new ArrayList<>();
                while (rows.next()) {
                    events.add(SdkJson.read(rows.getString(1), HistoryEvent.class));
                }
                return List.copyOf(events);
            }
        }
    }
}
