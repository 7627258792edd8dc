package org.cpe.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cpe.client.CpeClient;
import org.cpe.client.CpeListener;
import org.cpe.client.message.CpeMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cpe watch [--job JOB]}. */
@Command(
        name = "watch",
        description = {
            "Prints the client's messages as they come, until Ctrl-C (or --timeout), and consumes them: each is"
                    + " deleted from the output queue once printed, as the original ClientPoller did. Watch only a"
                    + " client whose output no application reads, or use --job.",
            "With --job, only that job's messages are consumed, and the watch ends with the job."
        })
final class WatchCommand implements Callable<Integer> {

    @ParentCommand
    Cpe cpe;

    @Option(names = "--job", paramLabel = "JOB", description = "only this job's messages, until it ends")
    String jobId;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "0",
            description = "stop after this long (0, the default: no limit)")
    long timeout;

    @Override
    public Integer call() throws Exception {
        Output output = cpe.output();
        Duration limit = timeout > 0 ? Duration.ofSeconds(timeout) : Duration.ofDays(3650);
        try (CpeClient client = cpe.connect()) {
            if (jobId != null) {
                CpeMessage end = client.follow(jobId, limit, output::message);
                return end == null ? Cpe.OK : Output.status(end);
            }
            CountDownLatch stop = new CountDownLatch(1);
            try (CpeListener listener = client.listen(output::message, null, Duration.ofSeconds(10))) {
                stop.await(limit.toSeconds(), TimeUnit.SECONDS);
            }
            return Cpe.OK;
        }
    }
}
