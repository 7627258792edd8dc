package org.cpe.swf.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.swf.model.CountClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.CountClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.ExecutionTimeFilter;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/**
 * ListClosedWorkflowExecutions and CountClosedWorkflowExecutions as SQL: the domain, one time filter (both ends
 * inclusive) and at most one other filter, newest first unless reversed, in pages of at most 1000.
 */
final class ClosedQuery {

    static final int MAX_PAGE_SIZE = 1000;

    private final StringBuilder where = new StringBuilder("e.domain = ? AND e.execution_status = 'CLOSED'");
    private final List<Object> parameters = new ArrayList<>();
    private final String sortColumn;

    private ClosedQuery(ClosedFilter filter) {
        parameters.add(filter.domain());
        sortColumn = filter.byCloseTime() ? "e.close_ts" : "e.start_ts";
        ExecutionTimeFilter time = filter.timeFilter();
        if (time != null && time.oldestDate() != null) {
            and(sortColumn + " >= ?", ceilMillis(time.oldestDate()));
        }
        if (time != null && time.latestDate() != null) {
            and(sortColumn + " <= ?", time.latestDate().toEpochMilli());
        }
        if (filter.executionFilter() != null) {
            and("e.workflow_id = ?", filter.executionFilter().workflowId());
        }
        if (filter.closeStatusFilter() != null) {
            and("e.close_status = ?", filter.closeStatusFilter().statusAsString());
        }
        if (filter.typeFilter() != null) {
            and("e.type_name = ?", filter.typeFilter().name());
            if (filter.typeFilter().version() != null) {
                and("e.type_version = ?", filter.typeFilter().version());
            }
        }
        if (filter.tagFilter() != null) {
            and(
                    "EXISTS (SELECT 1 FROM swf_execution_tags t WHERE t.run_id = e.run_id AND t.tag = ?)",
                    filter.tagFilter().tag());
        }
    }

    static ListClosedWorkflowExecutionsResponse list(Connection connection, ListClosedWorkflowExecutionsRequest request)
            throws SQLException {
        ClosedQuery query = new ClosedQuery(ClosedFilter.of(request));
        boolean ascending = Boolean.TRUE.equals(request.reverseOrder());
        if (request.nextPageToken() != null && !request.nextPageToken().isEmpty()) {
            PageToken after = PageToken.decode(request.nextPageToken());
            String beyond = ascending ? ">" : "<";
            query.and(
                    "(" + query.sortColumn + " " + beyond + " ? OR (" + query.sortColumn + " = ? AND e.run_id " + beyond
                            + " ?))",
                    after.sortTs(),
                    after.sortTs(),
                    after.runId());
        }
        int pageSize = pageSize(request.maximumPageSize());
        String direction = ascending ? " ASC" : " DESC";
        String sql = "SELECT " + query.sortColumn + ", e.run_id, e.domain, e.record_json FROM swf_executions e WHERE "
                + query.where + " ORDER BY " + query.sortColumn + direction + ", e.run_id" + direction + " LIMIT ?";
        query.parameters.add(pageSize + 1);
        List<WorkflowExecutionInfo> infos = new ArrayList<>();
        PageToken last = null;
        boolean more = false;
        try (PreparedStatement statement = query.prepare(connection, sql);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (infos.size() == pageSize) {
                    more = true;
                    break;
                }
                last = new PageToken(rows.getLong(1), rows.getString(2));
                infos.add(
                        ExecutionJson.read(rows.getString(3), rows.getString(4)).info());
            }
        }
        return ListClosedWorkflowExecutionsResponse.builder()
                .executionInfos(infos)
                .nextPageToken(more ? last.encode() : null)
                .build();
    }

    static CountClosedWorkflowExecutionsResponse count(
            Connection connection, CountClosedWorkflowExecutionsRequest request) throws SQLException {
        ClosedQuery query = new ClosedQuery(ClosedFilter.of(request));
        String sql = "SELECT COUNT(*) FROM swf_executions e WHERE " + query.where;
        try (PreparedStatement statement = query.prepare(connection, sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return CountClosedWorkflowExecutionsResponse.builder()
                    .count(Math.toIntExact(rows.getLong(1)))
                    .truncated(false)
                    .build();
        }
    }

    /** SWF's page size: up to 1000, and 1000 when absent or 0. */
    static int pageSize(Integer requested) {
        return requested == null || requested <= 0 ? MAX_PAGE_SIZE : Math.min(requested, MAX_PAGE_SIZE);
    }

    private void and(String condition, Object... values) {
        where.append(" AND ").append(condition);
        parameters.addAll(List.of(values));
    }

    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }

    /** The first whole millisecond at or after the instant, so that an inclusive bound stays inclusive. */
    private static long ceilMillis(Instant instant) {
        long millis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }
}
