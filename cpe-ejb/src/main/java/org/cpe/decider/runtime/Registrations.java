package org.cpe.decider.runtime;

import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;
import org.cpe.decider.plan.ActivityDef;
import org.cpe.decider.plan.Plan;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.DomainAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.TypeAlreadyExistsException;

/**
 * Registers the domain and every plan's workflow and activity types, with the plan's timeouts as the types'
 * defaults (the original's boto registration dropped them). What exists already is left as it is.
 */
final class Registrations {

    private static final Logger LOG = Logger.getLogger(Registrations.class.getName());

    private Registrations() {}

    static void register(SwfClient swf, String domain, String decisionTaskList, Iterable<Plan> plans) {
        try {
            swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("30"));
            LOG.info(() -> "Registered SWF domain " + domain);
        } catch (DomainAlreadyExistsException e) {
            // registered by an earlier start or another server
        }
        Set<String> activities = new HashSet<>();
        for (Plan plan : plans) {
            try {
                swf.registerWorkflowType(r -> r.domain(domain)
                        .name(plan.name())
                        .version(plan.version())
                        .defaultTaskList(t -> t.name(decisionTaskList))
                        .defaultExecutionStartToCloseTimeout(plan.executionStartToCloseTimeout())
                        .defaultTaskStartToCloseTimeout(plan.taskStartToCloseTimeout())
                        .defaultChildPolicy("TERMINATE"));
            } catch (TypeAlreadyExistsException e) {
                // keeps the defaults it was registered with, as SWF does
            }
            for (ActivityDef activity : plan.activities().values()) {
                if (!activities.add(activity.name() + "\u0000" + activity.version())) {
                    continue;
                }
                try {
                    swf.registerActivityType(r -> r.domain(domain)
                            .name(activity.name())
                            .version(activity.version())
                            .defaultTaskList(t -> t.name(activity.taskList()))
                            .defaultTaskHeartbeatTimeout(activity.heartbeatTimeout())
                            .defaultTaskScheduleToCloseTimeout(activity.scheduleToCloseTimeout())
                            .defaultTaskScheduleToStartTimeout(activity.scheduleToStartTimeout())
                            .defaultTaskStartToCloseTimeout(activity.startToCloseTimeout()));
                } catch (TypeAlreadyExistsException e) {
                    // as above
                }
            }
        }
    }
}
