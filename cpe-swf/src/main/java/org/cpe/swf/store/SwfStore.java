package org.cpe.swf.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.swf.model.CountClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.CountClosedWorkflowExecutionsResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsRequest;
import software.amazon.awssdk.services.swf.model.ListClosedWorkflowExecutionsResponse;

/**
 * The durable record of the workflow service. The engine keeps open executions in memory and submits every change
 * here before it answers the call that made it; on start it rebuilds itself from {@link #recover()}. Closed
 * executions are read back from here.
 */
public interface SwfStore extends AutoCloseable {

    /** Registered domains and types, and every open execution with its history and last heartbeats. */
    Recovered recover();

    /**
     * Queues changes for writing in one transaction, in submission order with the changes queued before them. The
     * future completes when they are committed. Concurrent submissions are committed together (group commit). A
     * failed write is retried, in order, until it succeeds or the store closes; {@link #failure()} says why meanwhile.
     */
    CompletableFuture<Void> submit(List<Change> changes);

    /** A stored execution, open or closed, by run id. */
    Optional<ExecutionRecord> execution(String domain, String workflowId, String runId);

    /** A stored execution's history, by ascending event id. */
    List<HistoryEvent> history(String runId);

    /** One page of closed executions matching the request's filters (validated by the engine). */
    ListClosedWorkflowExecutionsResponse listClosed(ListClosedWorkflowExecutionsRequest request);

    /** The number of closed executions matching the request's filters (validated by the engine). */
    CountClosedWorkflowExecutionsResponse countClosed(CountClosedWorkflowExecutionsRequest request);

    /** Why the last write failed, while it is being retried; empty when writes succeed. */
    Optional<String> failure();

    /**
     * Tells {@code listener} when the database starts failing (why) and when it works again (empty), whether a write
     * or the idle connection check found it; called on the store's own thread, so it must return quickly.
     */
    void onFailureChange(java.util.function.Consumer<Optional<String>> listener);

    /** Writes what is queued, then closes the database. */
    @Override
    void close();
}
