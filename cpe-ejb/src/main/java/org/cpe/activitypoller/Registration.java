package org.cpe.activitypoller;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.cpe.activity.ActivityType;
import org.cpe.activitypoller.ActivityCatalog.Implementation;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.DomainAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.TypeAlreadyExistsException;

/**
 * Registers the domain and the worker's activity types with their declared default timeouts and task lists, in the
 * first turn of a poll loop (so that an unreachable SWF makes the loop back off instead of failing the deployment).
 * A type registered before keeps its defaults, as SWF does; its registered heartbeat timeout is read back, since the
 * heartbeat interval follows it.
 */
final class Registration {

    private static final Logger LOG = Logger.getLogger(Registration.class.getName());

    private final SwfClient swf;
    private final String domain;
    private final List<ActivityWorker.TypePlan> plans;
    private final Map<Implementation, Long> heartbeatTimeouts = new ConcurrentHashMap<>();
    private volatile boolean registered;

    Registration(SwfClient swf, String domain, List<ActivityWorker.TypePlan> plans) {
        this.swf = swf;
        this.domain = domain;
        this.plans = plans;
    }

    synchronized void ensureRegistered() {
        if (registered) {
            return;
        }
        try {
            swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("30"));
            LOG.info(() -> "Registered SWF domain " + domain);
        } catch (DomainAlreadyExistsException e) {
            // registered by an earlier start or another server
        }
        for (ActivityWorker.TypePlan plan : plans) {
            ActivityType type = plan.implementation().declaration();
            String heartbeat = type.defaultHeartbeatTimeout();
            try {
                swf.registerActivityType(r -> r.domain(domain)
                        .name(type.name())
                        .version(type.version())
                        .description(type.description().isEmpty() ? null : type.description())
                        .defaultTaskList(t -> t.name(plan.settings().taskList()))
                        .defaultTaskHeartbeatTimeout(type.defaultHeartbeatTimeout())
                        .defaultTaskStartToCloseTimeout(type.defaultStartToCloseTimeout())
                        .defaultTaskScheduleToStartTimeout(type.defaultScheduleToStartTimeout())
                        .defaultTaskScheduleToCloseTimeout(type.defaultScheduleToCloseTimeout()));
                LOG.info(() -> "Registered activity type " + plan.implementation());
            } catch (TypeAlreadyExistsException e) {
                String registeredHeartbeat = swf.describeActivityType(r -> r.domain(domain)
                                .activityType(a -> a.name(type.name()).version(type.version())))
                        .configuration()
                        .defaultTaskHeartbeatTimeout();
                if (registeredHeartbeat != null) {
                    heartbeat = registeredHeartbeat;
                }
            }
            heartbeatTimeouts.put(plan.implementation(), nanos(heartbeat));
        }
        registered = true;
    }

    /** The type's registered default heartbeat timeout, or {@code Long.MAX_VALUE} for none. */
    long heartbeatTimeoutNanos(Implementation implementation) {
        Long known = heartbeatTimeouts.get(implementation);
        return known != null ? known : nanos(implementation.declaration().defaultHeartbeatTimeout());
    }

    private static long nanos(String timeout) {
        return timeout == null || timeout.equals("NONE")
                ? Long.MAX_VALUE
                : TimeUnit.SECONDS.toNanos(Long.parseLong(timeout));
    }
}
