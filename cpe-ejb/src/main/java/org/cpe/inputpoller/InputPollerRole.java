package org.cpe.inputpoller;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.cpe.activitypoller.ProgressBoard;
import org.cpe.client.ClientDefinition;
import org.cpe.config.CpeSettings;
import org.cpe.config.Role;
import org.cpe.decider.plan.PlanLibrary;
import org.cpe.decider.runtime.ServerPlans;
import org.cpe.lifecycle.PollingRole;
import org.cpe.lifecycle.RoleStatus;
import org.cpe.loop.IdleCycle;
import org.cpe.loop.LoopSpec;
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

    /** Each client's loops on its input queue, after the server's plans are loaded (the Decider reports rejected ones). */
    @Override
    protected List<LoopSpec> loops(CpeSettings settings, RoleStatus status) {
        PlanLibrary library = plans.library();
        List<ClientDefinition> clients = settings.clients().clients();
        if (clients.isEmpty()) {
            return List.of(LoopSpec.polling("input-poller-1", new IdleCycle()));
        }
        List<LoopSpec> loops = new ArrayList<>();
        for (ClientDefinition client : clients) {
            for (int i = 0; i < settings.clients().loopsPerClient(); i++) {
                loops.add(LoopSpec.polling(
                        "input-poller-" + (loops.size() + 1),
                        new InputCycle(
                                sqs,
                                swf,
                                settings.decider().domain(),
                                client,
                                settings.sqs().deadLetterQueue(),
                                library,
                                board)));
            }
        }
        return loops;
    }
}
