package org.cpe.swf.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The decision and activity task lists of every domain, created on first use as in SWF. */
final class TaskQueues {

    private final Map<String, TaskQueue> decisions = new ConcurrentHashMap<>();
    private final Map<String, TaskQueue> activities = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    TaskQueue decisions(String domain, String taskList) {
        return decisions.computeIfAbsent(domain + '\u0000' + taskList, k -> new TaskQueue());
    }

    TaskQueue activities(String domain, String taskList) {
        return activities.computeIfAbsent(domain + '\u0000' + taskList, k -> new TaskQueue());
    }

    /** Ends every waiting long poll with an empty answer. */
    void releasePollers() {
        decisions.values().forEach(TaskQueue::releasePollers);
        activities.values().forEach(TaskQueue::releasePollers);
    }

    PendingTask task(Execution execution, long scheduledEventId, String priority) {
        int p = priority == null ? 0 : Integer.parseInt(priority);
        return new PendingTask(execution, scheduledEventId, p, sequence.incrementAndGet());
    }
}
