package org.cpe.decider.runtime;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.cpe.config.CpeSettings;
import org.cpe.config.Role;
import org.cpe.decider.plan.PlanLibrary;
import org.cpe.decider.plan.PlanProblem;
import org.cpe.lifecycle.PollingRole;
import org.cpe.lifecycle.RoleStatus;
import org.cpe.loop.LoopSpec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * The decider role: follows each workflow's history and decides its next steps from the plan of its workflow type.
 * Invalid plans are reported in the logs and the role's health details; the valid ones run.
 *
 * <p>Depends on the embedded services so that they start before it and stop after it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@DependsOn({"StartupGuard", "EmbeddedSqsRole", "EmbeddedSwfRole"})
public class DeciderRole extends PollingRole {

    private static final Logger LOG = Logger.getLogger(DeciderRole.class.getName());

    @Inject
    SwfClient swf;

    @Inject
    SqsClient sqs;

    @Inject
    ServerPlans serverPlans;

    private volatile DeciderRuntime runtime;

    @Override
    protected Role role() {
        return Role.DECIDER;
    }

    @Override
    protected List<LoopSpec> loops(CpeSettings settings, RoleStatus status) {
        PlanLibrary plans = serverPlans.library();
        status.detail(
                "plans", plans.plans().stream().map(p -> p.key().toString()).collect(Collectors.joining(", ")));
        if (!plans.problems().isEmpty()) {
            String problems =
                    plans.problems().stream().map(PlanProblem::toString).collect(Collectors.joining("; "));
            status.detail("invalidPlans", problems);
            plans.problems().forEach(p -> LOG.warning(() -> "Plan rejected: " + p));
        }
        LOG.info(() -> "Decider plans: " + plans.plans().size() + " loaded, "
                + plans.problems().size() + " problem(s)");
        runtime = new DeciderRuntime(
                swf,
                sqs,
                settings.decider(),
                plans,
                settings.clients().clients(),
                settings.sqs().senders());
        runtime.metrics(metrics());
        runtime.journal(NoticeJournal.openIn(settings.dataDir()));
        return runtime.loops();
    }

    /** The plans this Decider loaded, valid and rejected; empty when the role is disabled. */
    public Optional<PlanLibrary> plans() {
        DeciderRuntime current = runtime;
        return current == null ? Optional.empty() : Optional.of(current.plans());
    }
}
