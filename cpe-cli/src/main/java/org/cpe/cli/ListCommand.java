package org.cpe.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cpe.client.CpeClient;
import org.cpe.client.JobQuery;
import org.cpe.client.message.JobList;
import org.cpe.client.message.JobSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cpe list}. */
@Command(
        name = "list",
        description = "Lists the client's jobs, open ones first, newest first: jobId, status, workflow, start and close"
                + " time.")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    Cpe cpe;

    @Option(names = "--status", description = "OPEN, CLOSED, COMPLETED, FAILED, CANCELED, TERMINATED or TIMED_OUT")
    String status;

    @Option(names = "--workflow", paramLabel = "NAME[:VERSION]", description = "only jobs of this plan")
    String workflow;

    @Option(names = "--started-after", paramLabel = "ISO_TIME", description = "only jobs started after this time")
    Instant startedAfter;

    @Option(names = "--limit", defaultValue = "20", description = "at most this many jobs (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        JobQuery query = JobQuery.all().withStatus(status).withStartedAfter(startedAfter);
        if (workflow != null) {
            String[] parts = workflow.split(":", 2);
            query = query.withWorkflow(parts[0], parts.length > 1 ? parts[1] : null);
        }
        List<JobSummary> jobs = new ArrayList<>();
        ArrayNode wire = Output.JSON.createArrayNode();
        try (CpeClient client = cpe.connect()) {
            String token = null;
            do {
                JobList page = client.listJobs(
                        query.withPageSize(Math.min(100, limit - jobs.size())).withNextPageToken(token));
                jobs.addAll(page.jobs());
                page.data().path("jobs").forEach(wire::add);
                token = page.nextPageToken();
            } while (token != null && jobs.size() < limit);
        }
        Output output = cpe.output();
        if (output.mode == Output.Mode.JSON) {
            output.json(wire);
            return Cpe.OK;
        }
        if (output.mode == Output.Mode.TERMINAL) {
            output.out.println(
                    String.format("%-34s %-10s %-20s %-24s %s", "JOB", "STATUS", "WORKFLOW", "STARTED", "CLOSED"));
        }
        for (JobSummary job : jobs) {
            output.out.println(String.join(
                    output.mode == Output.Mode.TERMINAL ? " " : "\t",
                    output.mode == Output.Mode.TERMINAL ? String.format("%-34s", job.jobId()) : job.jobId(),
                    output.mode == Output.Mode.TERMINAL ? String.format("%-10s", job.status()) : job.status(),
                    output.mode == Output.Mode.TERMINAL
                            ? String.format("%-20s", job.workflowType())
                            : String.valueOf(job.workflowType()),
                    output.mode == Output.Mode.TERMINAL
                            ? String.format("%-24s", job.startTime())
                            : String.valueOf(job.startTime()),
                    job.closeTime() == null ? "-" : job.closeTime().toString()));
        }
        output.out.flush();
        return Cpe.OK;
    }
}
