package org.cpe.decider.runtime;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cpe.aws.SwfHistories;
import org.cpe.config.DeciderSettings;
import org.cpe.decider.plan.PlanLibrary;
import org.cpe.loop.LoopSpec;
import org.cpe.loop.PollCycle;
import org.cpe.metrics.CpeMetrics;
import org.cpe.notices.ClientNotifier;
import org.cpe.notices.Outbox;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * What the Decider's loops share: the plans, where to poll, who to tell, and whether the types are registered yet.
 * Registration happens in the first turn of a loop, not at deployment, so that an unreachable SWF makes the loop back
 * off and retry instead of failing the deployment.
 */
public final class DeciderRuntime {

    /** Notices waiting for SQS beyond this many make the decision loops wait. */
    static final int OUTBOX_CAPACITY = 10_000;

    private final SwfClient swf;
    private final DeciderSettings settings;
    private final PlanLibrary plans;
    private final Outbox outbox;
    private final ClientNotifier notifier;
    private final String identity;
    private volatile boolean registered;
    private volatile NoticeJournal journal = NoticeJournal.NONE;
    private final java.util.Set<String> recovered = new java.util.HashSet<>();
    private volatile boolean recoveryDone;
    private volatile CpeMetrics metrics = CpeMetrics.NONE;

    public DeciderRuntime(
            SwfClient swf,
            software.amazon.awssdk.services.sqs.SqsClient sqs,
            DeciderSettings settings,
            PlanLibrary plans,
            java.util.List<org.cpe.client.ClientDefinition> clients) {
        this(swf, sqs, settings, plans, clients, Outbox.DEFAULT_LANES);
    }

    /** @param noticeSenders the outbox's lanes, each with its sender loop ({@code cpe.sqs.senders}) */
    public DeciderRuntime(
            SwfClient swf,
            software.amazon.awssdk.services.sqs.SqsClient sqs,
            DeciderSettings settings,
            PlanLibrary plans,
            java.util.List<org.cpe.client.ClientDefinition> clients,
            int noticeSenders) {
        this.swf = swf;
        this.settings = settings;
        this.plans = plans;
        this.outbox = new Outbox(sqs, OUTBOX_CAPACITY, noticeSenders);
        this.notifier = new ClientNotifier(sqs, outbox, clients);
        this.identity = "cpe-decider@" + ManagementFactory.getRuntimeMXBean().getName();
    }

    /** Loads the plans of the settings' folder and the packaged ones. */
    public static PlanLibrary loadPlans(DeciderSettings settings) {
        return PlanLibrary.load(
                DeciderRuntime.class.getClassLoader(), settings.plansDir().orElse(null));
    }

    synchronized void ensureRegistered() {
        if (!registered) {
            Registrations.register(swf, settings.domain(), settings.taskList(), plans.plans());
            registered = true;
        }
    }

    /**
     * Sends the closing notices an earlier process journaled and did not see sent: those whose workflow did close;
     * the others are struck off, as their decision is made again. Once per runtime, in the first turn of a loop, so
     * that an unreachable SWF makes the loop back off and retry.
     */
    synchronized void recoverNotices() {
        if (recoveryDone) {
            return;
        }
        for (NoticeJournal.Entry entry : journal.recovered()) {
            if (!recovered.add(entry.id())) {
                continue;
            }
            if (closed(entry)) {
                notifier.send(
                        new ClientNotifier.Prepared(entry.queueUrl(), entry.body(), entry.workflowId()),
                        () -> journal.done(entry.id()));
            } else {
                journal.done(entry.id());
            }
        }
        if (!journal.recovered().isEmpty()) {
            java.util.logging.Logger.getLogger(DeciderRuntime.class.getName())
                    .info(
                            () -> "Decider: " + journal.recovered().size()
                                    + " closing notice(s) an earlier process had not seen sent, resent where the workflow closed");
        }
        recoveryDone = true;
    }

    private boolean closed(NoticeJournal.Entry entry) {
        try {
            return SwfHistories.closed(swf, settings.domain(), entry.workflowId(), entry.runId());
        } catch (software.amazon.awssdk.services.swf.model.UnknownResourceException gone) {
            return false;
        } catch (RuntimeException e) {
            recovered.remove(entry.id());
            throw e;
        }
    }

    /** Where closing notices are kept until SQS has them; {@link NoticeJournal#NONE} until set. */
    public void journal(NoticeJournal value) {
        this.journal = value;
    }

    NoticeJournal journal() {
        return journal;
    }

    /** One loop's turn: poll a decision task, decide, answer, notify. */
    public DecisionCycle cycle() {
        return new DecisionCycle(swf, this);
    }

    /** The loops that send the notices to SQS, in batches, one per lane of the outbox; see {@link Outbox}. */
    public List<PollCycle> noticeSenders() {
        return outbox.senders();
    }

    /** The loop that reports workflows that timed out; see {@link TimeoutWatch}. */
    public PollCycle timeoutWatch() {
        return new TimeoutWatch(swf, this, Instant::now);
    }

    /**
     * The Decider's loops: {@code cpe.decider.threads} decision loops, which pause with the role; one notice sender per
     * lane of the outbox and, unless it is off, the time-out watch, which go on while it is paused.
     */
    public List<LoopSpec> loops() {
        List<LoopSpec> loops = new ArrayList<>();
        int threads = settings.threads();
        for (int i = 1; i <= threads; i++) {
            loops.add(LoopSpec.polling(threads == 1 ? "decider" : "decider-" + i, cycle()));
        }
        List<PollCycle> senders = noticeSenders();
        for (int i = 0; i < senders.size(); i++) {
            loops.add(LoopSpec.delivering("decider-notices-" + (i + 1), senders.get(i)));
        }
        if (!settings.timeoutWatch().isZero()) {
            loops.add(LoopSpec.delivering("decider-timeouts", timeoutWatch()));
        }
        return loops;
    }

    SwfClient swf() {
        return swf;
    }

    DeciderSettings settings() {
        return settings;
    }

    public PlanLibrary plans() {
        return plans;
    }

    ClientNotifier notifier() {
        return notifier;
    }

    String identity() {
        return identity;
    }

    /** Where the decision loops count and time their work; nothing is counted until set. */
    public void metrics(CpeMetrics value) {
        this.metrics = value;
    }

    CpeMetrics metrics() {
        return metrics;
    }
}
