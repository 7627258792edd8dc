package org.cpe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.List;
import org.cpe.client.message.ActivityMessage;
import org.cpe.client.message.ActivityProgress;
import org.cpe.client.message.CpeMessage;
import org.cpe.client.message.Rejection;
import org.cpe.client.message.WorkflowCompleted;
import org.cpe.client.message.WorkflowFailed;
import org.cpe.client.message.WorkflowScheduled;
import org.cpe.client.message.WorkflowTimedOut;

/**
 * Where and how the commands print. {@code JSON}: one JSON document per line. {@code PLAIN}: one line per event, for
 * scripts and logs. {@code TERMINAL}: progress bars redrawn in place. Results go to stdout, failures and refusals to
 * stderr.
 */
final class Output {

    enum Mode {
        JSON,
        PLAIN,
        TERMINAL
    }

    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final int BAR = 30;

    final Mode mode;
    final PrintWriter out;
    final PrintWriter err;
    private int drawn;

    Output(Mode mode, PrintWriter out, PrintWriter err) {
        this.mode = mode;
        this.out = out;
        this.err = err;
    }

    /** A message as it came: for {@code cpe watch}. */
    void message(CpeMessage message) {
        out.println(mode == Mode.JSON ? message.json().toString() : describe(message));
        out.flush();
    }

    /** A job's message while it runs, with the steps' progress so far. */
    void progress(String jobId, CpeMessage message, JobProgress view, boolean changed) {
        switch (mode) {
            case JSON -> out.println(message.json());
            case PLAIN -> out.println(describe(message));
            case TERMINAL -> {
                if (changed || message instanceof WorkflowScheduled) {
                    redraw(jobId, view.rows());
                }
            }
        }
        out.flush();
    }

    /** Prints how the job ended and returns the exit status. */
    int ended(String jobId, CpeMessage end) {
        if (mode == Mode.JSON && end != null) {
            // The ending message is printed with the others; the exit status says the rest.
            return status(end);
        }
        int status = status(end);
        if (end instanceof WorkflowCompleted completed) {
            out.println("COMPLETED " + jobId);
            out.println(pretty(completed.result()));
        } else if (end instanceof WorkflowFailed failed) {
            err.println("FAILED " + jobId + ": " + failed.reason() + ": " + failed.details()
                    + (failed.step() == null ? "" : " (step " + failed.step() + ")"));
        } else if (end instanceof WorkflowTimedOut timedOut) {
            err.println("TIMED_OUT " + jobId + ": " + timedOut.details());
        } else if (end instanceof Rejection rejected) {
            err.println(
                    "REFUSED " + jobId + ": " + rejected.type() + " " + rejected.reason() + ": " + rejected.message());
        } else if (end != null) {
            err.println(end.type().replace("WORKFLOW_", "") + " " + jobId);
        }
        out.flush();
        err.flush();
        return status;
    }

    static int status(CpeMessage end) {
        if (end instanceof WorkflowCompleted) {
            return Cpe.OK;
        }
        if (end instanceof Rejection) {
            return Cpe.REFUSED;
        }
        return end == null ? Cpe.UNREACHABLE : Cpe.JOB_DID_NOT_COMPLETE;
    }

    /** A value as JSON on one line ({@code --json}) or indented. */
    void json(Object value) {
        try {
            out.println(
                    mode == Mode.JSON
                            ? JSON.writeValueAsString(value)
                            : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    /** One line about a message: its type, job, step and what it says. */
    static String describe(CpeMessage message) {
        StringBuilder line = new StringBuilder(message.type() == null ? "UNKNOWN" : message.type());
        line.append(' ').append(message.jobId() == null ? "-" : message.jobId());
        if (message instanceof ActivityMessage activity && activity.activityId() != null) {
            line.append(' ').append(activity.activityId());
            if (activity instanceof ActivityProgress progress && progress.percent() != null) {
                line.append(' ').append(progress.percent()).append('%');
            }
        }
        if (message instanceof Rejection rejected) {
            line.append(' ').append(rejected.reason()).append(": ").append(rejected.message());
        } else if (message instanceof WorkflowFailed failed) {
            line.append(' ').append(failed.reason()).append(": ").append(failed.details());
        } else if (message instanceof WorkflowCompleted completed) {
            line.append(' ').append(completed.result());
        }
        return line.toString();
    }

    private void redraw(String jobId, List<JobProgress.Row> rows) {
        if (drawn > 0) {
            out.print("\033[" + drawn + "A");
        }
        int width = rows.stream().mapToInt(r -> r.step().length()).max().orElse(4);
        out.print("\r\033[2K" + "Job " + jobId + "\n");
        for (JobProgress.Row row : rows) {
            int filled = row.percent() * BAR / 100;
            out.print("\r\033[2K  " + pad(row.step(), width) + " [" + "#".repeat(filled) + "-".repeat(BAR - filled)
                    + "] " + String.format("%3d%%", row.percent()) + " " + row.state()
                    + (row.note().isEmpty() ? "" : "  " + row.note()) + "\n");
        }
        drawn = rows.size() + 1;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String pretty(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
