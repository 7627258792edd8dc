package org.cpe.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.cpe.activitypoller.ActivityPollerRole;
import org.cpe.activitypoller.ActivityWorker;
import org.cpe.config.CpeConfiguration;
import org.cpe.lifecycle.RoleRegistry;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /api/workers}: this server as a worker: its name, the roles it runs with their states, and for its
 * ActivityPoller each task list with the activity types on it, its slots (in use by tasks and by polls in flight, and free), the tasks running from it, and its last successful poll.
 * Each server answers for itself; ask every server for the whole picture.
 */
@Path("workers")
@RequestScoped
public class WorkersResource {

    @Inject
    CpeConfiguration configuration;

    @Inject
    RoleRegistry registry;

    @Inject
    ActivityPollerRole activityPoller;

    /** This server: its roles, and its task lists when the ActivityPoller runs here. */
    public record WorkerView(
            String server,
            List<String> roles,
            List<RoleState> states,
            int runningTasks,
            List<ActivityWorker.TaskListState> taskLists) {}

    /** One enabled role and its state. */
    public record RoleState(String role, String state, String lastProgress) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This server as a worker: roles, task lists, slots in use and free, running tasks, last polls")
    public WorkerView worker() {
        var enabled = configuration.settings().roles().enabled();
        List<RoleState> states = registry.snapshot().stream()
                .filter(s -> enabled.contains(s.role()))
                .map(s -> new RoleState(
                        s.role().configName(),
                        s.state().name(),
                        s.lastProgress() == null ? null : s.lastProgress().toString()))
                .toList();
        var worker = activityPoller.worker();
        // The task lists first: a task counted there is still running when the total is read just after.
        List<ActivityWorker.TaskListState> taskLists =
                worker.map(ActivityWorker::taskListStates).orElse(List.of());
        return new WorkerView(
                ManagementFactory.getRuntimeMXBean().getName(),
                states.stream().map(RoleState::role).toList(),
                states,
                worker.map(ActivityWorker::runningTasks).orElse(0),
                taskLists);
    }
}
