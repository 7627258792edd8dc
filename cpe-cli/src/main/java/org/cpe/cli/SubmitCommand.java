package org.cpe.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.cpe.client.CpeClient;
import org.cpe.client.Job;
import org.cpe.client.message.CpeMessage;
import org.cpe.client.message.WorkflowScheduled;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cpe submit job.json [--wait]}. */
@Command(
        name = "submit",
        description = {
            "Starts the job of a job file: the START_JOB data, {\"workflow\": {\"name\", \"version\"}, ...}, as the"
                    + " original client SDK took it, or a whole START_JOB command.",
            "Prints the jobId once CPE scheduled the job; with --wait, follows the job to its end with a progress bar"
                    + " per step and prints its result."
        })
final class SubmitCommand implements Callable<Integer> {

    @ParentCommand
    Cpe cpe;

    @Parameters(paramLabel = "JOB_FILE", description = "the job file")
    Path file;

    @Option(names = "--wait", description = "follow the job until it ends; the exit status tells how it ended")
    boolean wait;

    @Option(names = "--job-id", description = "the jobId to use (a job file's own, or a new one, otherwise)")
    String jobId;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "0",
            description = "give up waiting after this long (0, the default: no limit)")
    long timeout;

    @Override
    public Integer call() throws Exception {
        Job job;
        try {
            job = Job.fromJson(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        if (jobId != null) {
            job = job.withJobId(jobId);
        }
        Output output = cpe.output();
        try (CpeClient client = cpe.connect()) {
            String id = client.startJob(job);
            JobProgress view = new JobProgress();
            if (!wait) {
                CpeMessage answer = client.follow(
                        id,
                        m -> m instanceof WorkflowScheduled || m.endsJob(),
                        Duration.ofSeconds(Math.max(1, cpe.replyTimeout)),
                        m -> {
                            if (output.mode == Output.Mode.JSON) {
                                output.message(m);
                            }
                        });
                if (answer == null) {
                    output.err.println("no answer to START_JOB " + id + " within " + cpe.replyTimeout
                            + " s: is CPE serving client '" + client.client().name() + "'?");
                    return Cpe.UNREACHABLE;
                }
                if (answer instanceof WorkflowScheduled) {
                    if (output.mode != Output.Mode.JSON) {
                        output.out.println(id);
                    }
                    return Cpe.OK;
                }
                return output.ended(id, answer);
            }
            Duration limit = timeout > 0 ? Duration.ofSeconds(timeout) : Duration.ofDays(3650);
            CpeMessage end = client.follow(id, limit, m -> output.progress(id, m, view, view.apply(m)));
            if (end == null) {
                output.err.println(
                        "job " + id + " still runs after " + timeout + " s; follow it with: cpe watch --job " + id);
                return Cpe.UNREACHABLE;
            }
            return output.ended(id, end);
        }
    }
}
