package org.cpe.activitypoller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.aws.SwfHistories;
import org.cpe.protocol.JobRoute;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionStartedEventAttributes;

/**
 * Whose job a task belongs to and where its client's messages go. An activity task does not carry its workflow's tags,
 * so the workflow's first history event is read once per run and remembered (the most recent runs only). A workflow
 * whose start names no client falls back to the original's {@code client} in the activity's own input. Read on the
 * task's own thread before its activity starts, so that its poller need not wait for SWF.
 */
final class JobRoutes {

    private static final Logger LOG = Logger.getLogger(JobRoutes.class.getName());
    private static final int REMEMBERED = 10_000;

    private final SwfClient swf;
    private final String domain;
    private final Map<String, JobRoute> byRun = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JobRoute> eldest) {
            return size() > REMEMBERED;
        }
    };

    JobRoutes(SwfClient swf, String domain) {
        this.swf = swf;
        this.domain = domain;
    }

    JobRoute route(String workflowId, String runId, String activityInput) {
        JobRoute route;
        synchronized (byRun) {
            route = byRun.get(runId);
        }
        if (route == null) {
            route = read(workflowId, runId);
            if (route != null) {
                synchronized (byRun) {
                    byRun.put(runId, route);
                }
            } else {
                route = JobRoute.of(workflowId, List.of(), null);
            }
        }
        if (route.clientName() == null && route.outputQueue() == null) {
            JobRoute fromInput = JobRoute.of(workflowId, List.of(), activityInput);
            return new JobRoute(route.jobId(), fromInput.clientName(), fromInput.outputQueue());
        }
        return route;
    }

    /** The route from the workflow's start, or null when SWF could not be read. */
    private JobRoute read(String workflowId, String runId) {
        try {
            WorkflowExecutionStartedEventAttributes start = SwfHistories.start(swf, domain, workflowId, runId);
            return start == null
                    ? JobRoute.of(workflowId, List.of(), null)
                    : JobRoute.of(workflowId, start.tagList(), start.input());
        } catch (RuntimeException e) {
            // The task still runs; only its messages may lack the jobId or go nowhere. Not remembered: the next
            // task of this run reads again.
            LOG.log(Level.WARNING, "Could not read the start of workflow " + workflowId + " to route its messages", e);
            return null;
        }
    }
}
