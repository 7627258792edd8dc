package org.cpe.swf.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.*;

/** Test helpers for one domain with one workflow type and one activity type, spoken to through the SDK. */
final class Workflows {

    final SwfClient swf;
    final String domain;
    final WorkflowType workflowType =
            WorkflowType.builder().name("wf").version("1").build();
    final ActivityType activityType =
            ActivityType.builder().name("act").version("1").build();
    final String decisionList;
    final String activityList;

    /** The same domain and task lists through another client, e.g. of a restarted service; registers nothing. */
    Workflows on(SwfClient other) {
        return new Workflows(other, domain, decisionList, activityList);
    }

    private Workflows(SwfClient swf, String domain, String decisionList, String activityList) {
        this.swf = swf;
        this.domain = domain;
        this.decisionList = decisionList;
        this.activityList = activityList;
    }

    Workflows(SwfClient swf) {
        this.swf = swf;
        this.domain = "d-" + UUID.randomUUID().toString().substring(0, 8);
        this.decisionList = "decisions-" + UUID.randomUUID().toString().substring(0, 8);
        this.activityList = "activities-" + UUID.randomUUID().toString().substring(0, 8);
        swf.registerDomain(r -> r.name(domain).workflowExecutionRetentionPeriodInDays("1"));
        swf.registerWorkflowType(r -> r.domain(domain)
                .name(workflowType.name())
                .version(workflowType.version())
                .defaultTaskList(t -> t.name(decisionList))
                .defaultExecutionStartToCloseTimeout("3600")
                .defaultTaskStartToCloseTimeout("60")
                .defaultChildPolicy(ChildPolicy.TERMINATE));
        swf.registerActivityType(r -> r.domain(domain)
                .name(activityType.name())
                .version(activityType.version())
                .defaultTaskList(t -> t.name(activityList))
                .defaultTaskScheduleToStartTimeout("300")
                .defaultTaskScheduleToCloseTimeout("600")
                .defaultTaskStartToCloseTimeout("300")
                .defaultTaskHeartbeatTimeout("NONE"));
    }

    String start(String workflowId) {
        return swf.startWorkflowExecution(r -> r.domain(domain)
                        .workflowId(workflowId)
                        .workflowType(workflowType)
                        .input("in"))
                .runId();
    }

    WorkflowExecution execution(String workflowId, String runId) {
        return WorkflowExecution.builder().workflowId(workflowId).runId(runId).build();
    }

    PollForDecisionTaskResponse pollDecision() {
        return swf.pollForDecisionTask(
                r -> r.domain(domain).taskList(t -> t.name(decisionList)).identity("decider"));
    }

    /** Polls until a decision task comes (polls may come back empty at their deadline). */
    PollForDecisionTaskResponse decisionTask() {
        for (int i = 0; i < 10; i++) {
            PollForDecisionTaskResponse task = pollDecision();
            if (!task.taskToken().isEmpty()) {
                return task;
            }
        }
        throw new AssertionError("no decision task came");
    }

    PollForActivityTaskResponse pollActivity() {
        return swf.pollForActivityTask(
                r -> r.domain(domain).taskList(t -> t.name(activityList)).identity("worker"));
    }

    PollForActivityTaskResponse activityTask() {
        for (int i = 0; i < 10; i++) {
            PollForActivityTaskResponse task = pollActivity();
            if (!task.taskToken().isEmpty()) {
                return task;
            }
        }
        throw new AssertionError("no activity task came");
    }

    void decide(String taskToken, Decision... decisions) {
        swf.respondDecisionTaskCompleted(r -> r.taskToken(taskToken).decisions(decisions));
    }

    static Decision scheduleActivity(ActivityType type, String activityId, String input) {
        return Decision.builder()
                .decisionType(DecisionType.SCHEDULE_ACTIVITY_TASK)
                .scheduleActivityTaskDecisionAttributes(
                        a -> a.activityType(type).activityId(activityId).input(input))
                .build();
    }

    static Decision complete(String result) {
        return Decision.builder()
                .decisionType(DecisionType.COMPLETE_WORKFLOW_EXECUTION)
                .completeWorkflowExecutionDecisionAttributes(a -> a.result(result))
                .build();
    }

    List<HistoryEvent> history(String workflowId, String runId) {
        return swf.getWorkflowExecutionHistory(r -> r.domain(domain).execution(execution(workflowId, runId)))
                .events();
    }

    List<EventType> eventTypes(String workflowId, String runId) {
        return history(workflowId, runId).stream().map(HistoryEvent::eventType).toList();
    }

    /** Waits until the history holds an event of the type, and returns the last one. */
    HistoryEvent awaitEvent(String workflowId, String runId, EventType type, Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
                        eventTypes(workflowId, runId))
                .contains(type));
        List<HistoryEvent> events = history(workflowId, runId);
        return events.stream()
                .filter(e -> e.eventType() == type)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    WorkflowExecutionInfo describe(String workflowId, String runId) {
        return swf.describeWorkflowExecution(r -> r.domain(domain).execution(execution(workflowId, runId)))
                .executionInfo();
    }
    // --- decision conformance helpers ------------------------------------------------------------------------

    /** Polls the named decision task list until a task comes, for executions off the type's default list. */
    PollForDecisionTaskResponse decisionTaskOn(String taskList) {
        for (int i = 0; i < 10; i++) {
            PollForDecisionTaskResponse task = swf.pollForDecisionTask(
                    r -> r.domain(domain).taskList(t -> t.name(taskList)).identity("decider"));
            if (!task.taskToken().isEmpty()) {
                return task;
            }
        }
        throw new AssertionError("no decision task came on " + taskList);
    }

    /** Starts a run of the workflow type on a decision task list of its own, with the given child policy. */
    String startOn(String workflowId, String taskList, ChildPolicy childPolicy) {
        return swf.startWorkflowExecution(r -> r.domain(domain)
                        .workflowId(workflowId)
                        .workflowType(workflowType)
                        .taskList(t -> t.name(taskList))
                        .childPolicy(childPolicy)
                        .input("in"))
                .runId();
    }

    /** The events a decision task brings that its decider has not seen before. */
    static List<HistoryEvent> newEvents(PollForDecisionTaskResponse task) {
        return task.events().stream()
                .filter(e -> e.eventId() > task.previousStartedEventId())
                .toList();
    }
}
