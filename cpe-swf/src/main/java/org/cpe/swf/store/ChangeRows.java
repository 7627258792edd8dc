package org.cpe.swf.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.cpe.swf.json.SdkJson;
import org.cpe.swf.store.Change.DomainPut;
import org.cpe.swf.store.Change.EventsAppended;
import org.cpe.swf.store.Change.ExecutionPut;
import org.cpe.swf.store.Change.HeartbeatPut;
import org.cpe.swf.store.Change.TypePut;
import org.cpe.swf.store.Row.DomainRow;
import org.cpe.swf.store.Row.EventRow;
import org.cpe.swf.store.Row.ExecutionRow;
import org.cpe.swf.store.Row.HeartbeatRow;
import org.cpe.swf.store.Row.TypeRow;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;

/** Turns changes into rows, in order. */
final class ChangeRows {

    private ChangeRows() {}

    static List<Row> of(List<Change> changes) {
        List<Row> rows = new ArrayList<>(changes.size());
        for (Change change : changes) {
            if (change instanceof DomainPut put) {
                rows.add(domain(put.domain()));
            } else if (change instanceof TypePut put) {
                rows.add(type(put.type()));
            } else if (change instanceof ExecutionPut put) {
                rows.add(execution(put.execution()));
            } else if (change instanceof EventsAppended appended) {
                for (HistoryEvent event : appended.events()) {
                    rows.add(new EventRow(appended.runId(), event.eventId(), SdkJson.write(event)));
                }
            } else if (change instanceof HeartbeatPut put) {
                rows.add(new HeartbeatRow(put.runId(), put.scheduledEventId(), put.details(), millis(put.at())));
            } else {
                throw new IllegalArgumentException("Unknown change " + change);
            }
        }
        return rows;
    }

    /** Epoch milliseconds, the precision the store keeps; null stays null. */
    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static DomainRow domain(DomainRecord domain) {
        return new DomainRow(
                domain.name(),
                domain.info().statusAsString(),
                SdkJson.write(domain.info()),
                SdkJson.write(domain.configuration()));
    }

    private static TypeRow type(TypeRecord type) {
        return new TypeRow(
                type.kind().name(),
                type.domain(),
                type.name(),
                type.version(),
                type.status(),
                millis(type.creationDate()),
                millis(type.deprecationDate()),
                type.infoJson(),
                type.configurationJson());
    }

    private static ExecutionRow execution(ExecutionRecord execution) {
        WorkflowExecutionInfo info = execution.info();
        return new ExecutionRow(
                execution.runId(),
                execution.domain(),
                execution.workflowId(),
                info.workflowType().name(),
                info.workflowType().version(),
                info.executionStatusAsString(),
                info.closeStatusAsString(),
                info.startTimestamp().toEpochMilli(),
                millis(info.closeTimestamp()),
                Boolean.TRUE.equals(info.cancelRequested()),
                List.copyOf(new LinkedHashSet<>(info.tagList())),
                ExecutionJson.write(execution));
    }
}
