package org.cpe.cli;

import java.util.concurrent.Callable;
import org.cpe.client.CpeClient;
import org.cpe.client.message.CpeMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cpe cancel JOB [--activity STEP]}. */
@Command(
        name = "cancel",
        description = "Cancels a job (it ends CANCELED once its running steps stopped), or with --activity one of its"
                + " steps (the job goes on).")
final class CancelCommand implements Callable<Integer> {

    @ParentCommand
    Cpe cpe;

    @Parameters(paramLabel = "JOB", description = "the jobId")
    String jobId;

    @Option(names = "--activity", paramLabel = "STEP", description = "cancel only this step")
    String activity;

    @Override
    public Integer call() throws Exception {
        Output output = cpe.output();
        try (CpeClient client = cpe.connect()) {
            CpeMessage answer = activity == null ? client.cancelJob(jobId) : client.cancelActivity(jobId, activity);
            output.message(answer);
            return Cpe.OK;
        }
    }
}
