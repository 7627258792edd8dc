package org.cpe.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.cpe.client.CpeClient;
import org.cpe.client.message.JobState;
import org.cpe.client.message.JobStatus;
import org.cpe.client.message.StepState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cpe status JOB}. */
@Command(name = "status", description = "Prints a job's status, progress, steps and result or failure.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    Cpe cpe;

    @Parameters(paramLabel = "JOB", description = "the jobId")
    String jobId;

    @Override
    public Integer call() throws Exception {
        Output output = cpe.output();
        try (CpeClient client = cpe.connect()) {
            JobStatus status = client.jobStatus(jobId);
            if (output.mode == Output.Mode.JSON) {
                output.out.println(status.data().path("job"));
                output.out.flush();
                return Cpe.OK;
            }
            JobState job = status.job();
            var out = output.out;
            out.println("job       " + job.jobId());
            out.println("workflow  " + job.workflowType());
            out.println("status    " + job.status() + (job.cancelRequested() ? " (cancel requested)" : ""));
            out.println("progress  " + job.progress().percent() + "% ("
                    + job.progress().stepsEnded() + " of " + job.progress().steps() + " steps ended)");
            out.println("started   " + time(job.startTime()));
            if (job.closeTime() != null) {
                out.println("closed    " + time(job.closeTime()));
            }
            if (job.steps() != null) {
                int width = job.steps().stream()
                        .mapToInt(s -> s.activityId().length())
                        .max()
                        .orElse(4);
                out.println("steps");
                for (StepState step : job.steps()) {
                    String percent = step.progress() != null && step.progress().percent() != null
                            ? " " + step.progress().percent() + "%"
                            : "";
                    out.println("  " + step.activityId()
                            + " ".repeat(width - step.activityId().length()) + "  "
                            + step.status() + percent
                            + (step.attempts() > 1 ? " (" + step.attempts() + " attempts)" : "")
                            + (step.reason() == null ? "" : "  " + step.reason() + ": " + step.details()));
                }
            }
            if (job.result() != null) {
                out.println("result    " + job.result());
            }
            if (job.failure() != null) {
                out.println("failure   " + job.failure().reason() + ": "
                        + job.failure().details()
                        + (job.failure().step() == null
                                ? ""
                                : " (step " + job.failure().step() + ")"));
            }
            out.flush();
            return Cpe.OK;
        }
    }

    private static String time(Instant time) {
        return time == null ? "-" : time.toString();
    }
}
