package org.cpe.swf.engine;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs held in memory: the open ones, by run id and by workflow id, and the closed ones whose close is not
 * committed yet. Thread-safe with no lock of its own: a run's entries change under that run's lock.
 */
final class Executions {

    private final Map<String, Execution> open = new ConcurrentHashMap<>();
    private final Map<String, Execution> openByWorkflowId = new ConcurrentHashMap<>();
    /** Runs closed in memory whose close is not committed yet. */
    private final Map<String, Execution> closing = new ConcurrentHashMap<>();

    private final Collection<Execution> openView = Collections.unmodifiableCollection(open.values());

    /** A run rebuilt from the store at start, open as it was. */
    void resume(Execution ex) {
        open.put(ex.runId(), ex);
        openByWorkflowId.put(key(ex.domain, ex.id.workflowId()), ex);
    }

    /**
     * Makes the run the open one of its workflow id, in place of {@code replacing} for ContinueAsNew; false when
     * another run of that id is open. Call under the new run's lock.
     */
    boolean publish(Execution ex, Execution replacing) {
        String key = key(ex.domain, ex.id.workflowId());
        boolean published = replacing == null
                ? openByWorkflowId.putIfAbsent(key, ex) == null
                : openByWorkflowId.replace(key, replacing, ex);
        if (published) {
            open.put(ex.runId(), ex);
        }
        return published;
    }

    /** The open run with this run id, or null. */
    Execution open(String runId) {
        return open.get(runId);
    }

    /** The open run of this workflow id in this domain, or null. */
    Execution openOf(String domain, String workflowId) {
        return openByWorkflowId.get(key(domain, workflowId));
    }

    boolean isOpen(String runId) {
        return open.containsKey(runId);
    }

    /** A run held in memory: open, or closed with its close still being committed; null otherwise. */
    Execution inMemory(String runId) {
        Execution ex = open.get(runId);
        return ex != null ? ex : closing.get(runId);
    }

    /**
     * Takes a run that has closed in memory out of the open ones, keeping it {@link #inMemory} until {@link
     * #closeCommitted}, so that a run never looks open again after it closed; false when it was taken out before.
     * Call under its lock.
     */
    boolean closing(Execution ex) {
        if (!open.remove(ex.runId(), ex)) {
            return false;
        }
        openByWorkflowId.remove(key(ex.domain, ex.id.workflowId()), ex);
        closing.put(ex.runId(), ex);
        return true;
    }

    /** The store has the run's close (or gave up on it): it answers for the run from now on. */
    void closeCommitted(Execution ex) {
        closing.remove(ex.runId(), ex);
    }

    /** The open runs, a live view that is not a snapshot. */
    Collection<Execution> openRuns() {
        return openView;
    }

    int openCount() {
        return open.size();
    }

    private static String key(String domain, String workflowId) {
        return domain + '\u0000' + workflowId;
    }
}
