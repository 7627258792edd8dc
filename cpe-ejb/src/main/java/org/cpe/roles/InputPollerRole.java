package org.cpe.roles;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.cpe.client.ClientDefinition;
import org.cpe.config.CpeSettings;
import org.cpe.config.Role;
import org.cpe.intake.InputCycle;
import org.cpe.loop.PollCycle;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * The input-poller role: one loop per client reads its commands from its SQS input queue and answers on its output
 * queue. {@code START_JOB} starts the job's workflow once; the other commands are answered {@code COMMAND_REJECTED}
 * with {@code NOT_SUPPORTED} until they are built (issue 6).
 *
 * <p>Depends on the embedded services so that they start before it and stop after it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@DependsOn({"StartupGuard", "EmbeddedSqsRole", "EmbeddedSwfRole"})
public class InputPollerRole extends PollingRole {

    @Inject
    SwfClient swf;

    @Inject
    SqsClient sqs;

    @Override
    protected Role role() {
        return Role.INPUT_POLLER;
    }

    @Override
    protected int loopCount(CpeSettings settings) {
        return Math.max(1, settings.clients().clients().size());
    }

    @Override
    protected PollCycle cycle(CpeSettings settings) {
        return new IdleCycle();
    }

    @Override
    protected PollCycle cycle(CpeSettings settings, int index) {
        if (settings.clients().clients().isEmpty()) {
            return new IdleCycle();
        }
        ClientDefinition client = settings.clients().clients().get(index);
        return new InputCycle(
                sqs, swf, settings.decider().domain(), client, settings.sqs().deadLetterQueue());
    }

    @Override
    protected String loopName(int index, int count) {
        return "input-poller-" + (index + 1);
    }
}
