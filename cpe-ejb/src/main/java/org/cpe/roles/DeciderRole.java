package org.cpe.roles;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.cpe.config.CpeSettings;
import org.cpe.config.Role;
import org.cpe.decider.plan.PlanLibrary;
import org.cpe.decider.plan.PlanProblem;
import org.cpe.decisions.DeciderRuntime;
import org.cpe.lifecycle.RoleStatus;
import org.cpe.loop.PollCycle;
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

    private volatile DeciderRuntime runtime;

    @Override
    protected Role role() {
        return Role.DECIDER;
    }

    @Override
    protected void prepare(CpeSettings settings, RoleStatus status) {
        PlanLibrary plans = DeciderRuntime.loadPlans(settings.decider());
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
                swf, sqs, settings.decider(), plans, settings.clients().clients());
    }

    /** The plans this Decider loaded, valid and rejected; empty when the role is disabled. */
    public Optional<PlanLibrary> plans() {
        DeciderRuntime current = runtime;
        return current == null ? Optional.empty() : Optional.of(current.plans());
    }

    /** The decision loops, plus the time-out watch unless it is off. */
    @Override
    protected int loopCount(CpeSettings settings) {
        return settings.decider().threads() + (watchesTimeouts(settings) ? 1 : 0);
    }

    @Override
    protected PollCycle cycle(CpeSettings settings) {
        return runtime.cycle();
    }

    @Override
    protected PollCycle cycle(CpeSettings settings, int index) {
        return index < settings.decider().threads() ? runtime.cycle() : runtime.timeoutWatch();
    }

    @Override
    protected String loopName(int index, int count) {
        return index < count - 1 || !watchesTimeouts(configuration.settings())
                ? super.loopName(index, count)
                : role().configName() + "-timeouts";
    }

    private static boolean watchesTimeouts(CpeSettings settings) {
        return !settings.decider().timeoutWatch().isZero();
    }
}
