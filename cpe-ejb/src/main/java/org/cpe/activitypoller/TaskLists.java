package org.cpe.activitypoller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.cpe.activitypoller.ActivityWorker.TaskListState;
import org.cpe.activitypoller.ActivityWorker.TypePlan;
import org.cpe.config.ActivityPollerSettings.TypeSettings;

/**
 * The task lists a worker polls, each with the slots its tasks share: a list that several types are set to gets the
 * sum of their slots and the most pollers any of them asks for. Also when each list last answered a poll, and the
 * state of each list for the workers view.
 */
final class TaskLists {

    /** A task list and the slots its tasks share. */
    record TaskList(String name, Semaphore slots, int capacity, int pollers) {}

    private final List<TypePlan> plans;
    private final Map<String, TaskList> byName = new LinkedHashMap<>();
    private final Map<String, Instant> lastPolls = new ConcurrentHashMap<>();
    private final int totalSlots;

    TaskLists(List<TypePlan> plans) {
        this.plans = plans;
        int total = 0;
        for (TypePlan plan : plans) {
            TypeSettings type = plan.settings();
            TaskList earlier = byName.get(type.taskList());
            int capacity = type.slots() + (earlier == null ? 0 : earlier.capacity());
            int pollers = Math.max(type.pollers(), earlier == null ? 0 : earlier.pollers());
            byName.put(type.taskList(), new TaskList(type.taskList(), new Semaphore(capacity), capacity, pollers));
            total += type.slots();
        }
        this.totalSlots = total;
    }

    Collection<TaskList> all() {
        return byName.values();
    }

    /** The slots of all lists: how many tasks may run at once. */
    int totalSlots() {
        return totalSlots;
    }

    /** A poll of {@code taskList} was answered (with a task or empty). */
    void polled(String taskList) {
        lastPolls.put(taskList, Instant.now());
    }

    /** Each list now, with the tasks taken from it among {@code running}. */
    List<TaskListState> states(Collection<RunningTask> running) {
        List<TaskListState> states = new ArrayList<>();
        for (TaskList list : byName.values()) {
            List<String> types = plans.stream()
                    .filter(p -> p.settings().taskList().equals(list.name()))
                    .map(p ->
                            p.implementation().name() + ":" + p.implementation().version())
                    .toList();
            int free = list.slots().availablePermits();
            int runningHere = (int) running.stream()
                    .filter(t -> types.contains(t.activityName() + ":" + t.activityVersion()))
                    .count();
            states.add(new TaskListState(
                    list.name(),
                    types,
                    list.capacity(),
                    list.capacity() - free,
                    free,
                    runningHere,
                    lastPolls.get(list.name())));
        }
        return states;
    }
}
