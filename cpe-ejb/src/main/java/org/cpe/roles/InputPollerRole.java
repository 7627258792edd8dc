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
import org.cpe.decisions.ServerPlans;
import org.cpe.intake.InputCycle;
import org.cpe.lifecycle.RoleStatus;
import org.cpe.loop.PollCycle;
import org.cpe.work.ProgressBoard;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * The input-poller role: one loop per client reads its commands from its SQS input queue and answers on its output
 * queue. It loads the plans as the Decider does, to show a job's steps, and reads the progress of the activities
 * running on this server from the {@link ProgressBoard}.
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

    @Inject
    ProgressBoard board;

    @Inject
    ServerPlans plans;

    @Override
    protected Role role() {
        return Role.INPUT_POLLER;
    }

    @Override
    protected int loopCount(CpeSettings settings) {
        return Math.max(
                1, settings.clients().clients().size() * settings.clients().loopsPerClient());
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
        ClientDefinition client =
                settings.clients().clients().get(index / settings.clients().loopsPerClient());
        return new InputCycle(
                sqs,
                swf,
                settings.decider().domain(),
                client,
                settings.sqs().deadLetterQueue(),
                plans.library(),
                board);
    }

    /** The server's plans, loaded before the loops start; rejected ones are the Decider's to report. */
    @Override
    protected void prepare(CpeSettings settings, RoleStatus status) {
        plans.library();
    }

    @Override
    protected String loopName(int index, int count) {
        return "input-poller-" + (index + 1);
    }
}
