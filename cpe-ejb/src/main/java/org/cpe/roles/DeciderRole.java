package org.cpe.roles;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.cpe.config.CpeSettings;
import org.cpe.config.Role;
import org.cpe.decider.plan.PlanLibrary;
import org.cpe.decider.plan.PlanProblem;
import org.cpe.decisions.DeciderRuntime;
import org.cpe.decisions.ServerPlans;
import org.cpe.lifecycle.RoleStatus;
import org.cpe.loop.PollCycle;
import org.cpe.sqs.NoticeJournal;
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
    private List<Map.Entry<String, Supplier<PollCycle>>> plannedLoops = List.of();

    @Override
    protected Role role() {
        return Role.DECIDER;
    }

    @Override
    protected void prepare(CpeSettings settings, RoleStatus status) {
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
        planLoops(settings);
    }

    /** The plans this Decider loaded, valid and rejected; empty when the role is disabled. */
    public Optional<PlanLibrary> plans() {
        DeciderRuntime current = runtime;
        return current == null ? Optional.empty() : Optional.of(current.plans());
    }

    /** The decision loops, the notice sender and, unless it is off, the time-out watch. */
    @Override
    protected int loopCount(CpeSettings settings) {
        return plannedLoops.size();
    }

    @Override
    protected PollCycle cycle(CpeSettings settings) {
        return runtime.cycle();
    }

    @Override
    protected PollCycle cycle(CpeSettings settings, int index) {
        return plannedLoops.get(index).getValue().get();
    }

    /** Only the decision loops pause; the notices and the time-out watch go on. */
    @Override
    protected boolean pausable(int index, int count) {
        String name = plannedLoops.get(index).getKey();
        return !name.startsWith("decider-notices") && !name.equals("decider-timeouts");
    }

    @Override
    protected String loopName(int index, int count) {
        return plannedLoops.get(index).getKey();
    }

    private void planLoops(CpeSettings settings) {
        List<Map.Entry<String, Supplier<PollCycle>>> planned = new ArrayList<>();
        int threads = settings.decider().threads();
        for (int i = 1; i <= threads; i++) {
            planned.add(Map.entry(threads == 1 ? "decider" : "decider-" + i, runtime::cycle));
        }
        List<PollCycle> senders = runtime.noticeSenders();
        for (int i = 0; i < senders.size(); i++) {
            PollCycle sender = senders.get(i);
            planned.add(Map.entry("decider-notices-" + (i + 1), () -> sender));
        }
        if (!settings.decider().timeoutWatch().isZero()) {
            planned.add(Map.entry("decider-timeouts", runtime::timeoutWatch));
        }
        plannedLoops = List.copyOf(planned);
    }
}
