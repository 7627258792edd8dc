package org.cpe.swf.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cpe.swf.json.SdkJson;
import org.cpe.swf.store.Recovered.Heartbeat;
import org.cpe.swf.store.Recovered.OpenExecution;
import software.amazon.awssdk.services.swf.model.DomainConfiguration;
import software.amazon.awssdk.services.swf.model.DomainInfo;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * Reads what the engine rebuilds itself from, in one repeatable-read transaction so that the parts agree. Events and
 * heartbeats come in one ordered pass each rather than a query per run: a restart may recover many runs.
 */
final class RecoveryReader {

    /** Rows fetched per round trip; on PostgreSQL a fetch size in a transaction streams instead of buffering. */
    private static final int FETCH_SIZE = 1000;

    private static final String OPEN = "execution_status = 'OPEN'";

    static Recovered read(Connection connection) throws SQLException {
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            Recovered recovered = readAll(connection);
            connection.commit();
            return recovered;
        } finally {
            connection.rollback();
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(true);
        }
    }

    private static Recovered readAll(Connection connection) throws SQLException {
        List<DomainRecord> domains = new ArrayList<>();
        try (ResultSet rows = query(connection, "SELECT info_json, config_json FROM swf_domains ORDER BY name")) {
            while (rows.next()) {
                domains.add(new DomainRecord(
                        SdkJson.read(rows.getString(1), DomainInfo.class),
                        SdkJson.read(rows.getString(2), DomainConfiguration.class)));
            }
        }
        List<TypeRecord> types = new ArrayList<>();
        try (ResultSet rows = query(
                connection,
                "SELECT kind, domain, name, version, status, creation_ts, deprecation_ts, info_json, config_json"
                        + " FROM swf_types ORDER BY kind, domain, name, version")) {
            while (rows.next()) {
                types.add(new TypeRecord(
                        TypeRecord.Kind.valueOf(rows.getString(1)),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getString(5),
                        instant(rows, 6),
                        instant(rows, 7),
                        rows.getString(8),
                        rows.getString(9)));
            }
        }
        Map<String, OpenRun> runs = new LinkedHashMap<>();
        try (ResultSet rows = query(
                connection,
                "SELECT run_id, domain, record_json FROM swf_executions WHERE " + OPEN
                        + " ORDER BY start_ts, run_id")) {
            while (rows.next()) {
                runs.put(rows.getString(1), new OpenRun(ExecutionJson.read(rows.getString(2), rows.getString(3))));
            }
        }
        try (ResultSet rows = query(
                connection,
                "SELECT h.run_id, h.event_json FROM swf_history_events h JOIN swf_executions e ON e.run_id = h.run_id"
                        + " WHERE e." + OPEN + " ORDER BY h.run_id, h.event_id")) {
            while (rows.next()) {
                run(runs, rows).events.add(SdkJson.read(rows.getString(2), HistoryEvent.class));
            }
        }
        try (ResultSet rows = query(
                connection,
                "SELECT h.run_id, h.scheduled_event_id, h.details, h.at_ts FROM swf_heartbeats h"
                        + " JOIN swf_executions e ON e.run_id = h.run_id WHERE e." + OPEN
                        + " ORDER BY h.run_id, h.scheduled_event_id")) {
            while (rows.next()) {
                run(runs, rows).heartbeats.add(new Heartbeat(rows.getLong(2), rows.getString(3), instant(rows, 4)));
            }
        }
        List<OpenExecution> open = new ArrayList<>(runs.size());
        runs.values().forEach(run -> open.add(run.toOpenExecution()));
        return new Recovered(List.copyOf(domains), List.copyOf(types), List.copyOf(open));
    }

    /** An open run while its events and heartbeats are gathered. */
    private static final class OpenRun {
        private final ExecutionRecord execution;
        private final List<HistoryEvent> events = new ArrayList<>();
        private final List<Heartbeat> heartbeats = new ArrayList<>();

        OpenRun(ExecutionRecord execution) {
            this.execution = execution;
        }

        OpenExecution toOpenExecution() {
            return new OpenExecution(execution, List.copyOf(events), List.copyOf(heartbeats));
        }
    }

    private static OpenRun run(Map<String, OpenRun> runs, ResultSet rows) throws SQLException {
        OpenRun run = runs.get(rows.getString(1));
        if (run == null) {
            throw new SQLException("Run " + rows.getString(1) + " changed while the SWF store was being recovered");
        }
        return run;
    }

    /** The result set closes its statement when it closes. */
    private static ResultSet query(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setFetchSize(FETCH_SIZE);
        statement.closeOnCompletion();
        return statement.executeQuery();
    }

    static Instant instant(ResultSet rows, int column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
