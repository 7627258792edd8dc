package org.cpe.swf.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.swf.model.ActivityTaskScheduledEventAttributes;
import software.amazon.awssdk.services.swf.model.ActivityType;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.CloseStatus;
import software.amazon.awssdk.services.swf.model.DomainConfiguration;
import software.amazon.awssdk.services.swf.model.DomainInfo;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.ExecutionStatus;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionConfiguration;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionOpenCounts;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionStartedEventAttributes;
import software.amazon.awssdk.services.swf.model.WorkflowType;

/** Test records as the engine would make them, with millisecond timestamps as the store keeps them. */
final class Records {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00.123Z");

    private Records() {}

    static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    static DomainRecord domain(String name) {
        return new DomainRecord(
                DomainInfo.builder()
                        .name(name)
                        .status(RegistrationStatus.REGISTERED)
                        .description("domain " + name)
                        .build(),
                DomainConfiguration.builder()
                        .workflowExecutionRetentionPeriodInDays("7")
                        .build());
    }

    static TypeRecord workflowType(String domain, String name, String version) {
        return new TypeRecord(
                TypeRecord.Kind.WORKFLOW,
                domain,
                name,
                version,
                "REGISTERED",
                T0,
                null,
                "{\"workflowType\":{\"name\":\"" + name + "\",\"version\":\"" + version + "\"}}",
                "{\"defaultChildPolicy\":\"TERMINATE\"}");
    }

    /** An open execution of type {@code order/1} started {@code startSecond} seconds after T0. */
    static ExecutionRecord open(String domain, String workflowId, String runId, long startSecond, String... tags) {
        WorkflowExecutionInfo.Builder info = WorkflowExecutionInfo.builder();
        if (tags.length > 0) {
            info.tagList(tags);
        }
        return new ExecutionRecord(
                domain,
                info.execution(WorkflowExecution.builder()
                                .workflowId(workflowId)
                                .runId(runId)
                                .build())
                        .workflowType(type("order", "1"))
                        .startTimestamp(at(startSecond))
                        .executionStatus(ExecutionStatus.OPEN)
                        .cancelRequested(false)
                        .build(),
                WorkflowExecutionConfiguration.builder()
                        .taskStartToCloseTimeout("30")
                        .executionStartToCloseTimeout("3600")
                        .taskList(TaskList.builder().name("deciders").build())
                        .childPolicy(ChildPolicy.TERMINATE)
                        .build(),
                counts(0),
                null,
                null);
    }

    static ExecutionRecord withType(ExecutionRecord execution, String name, String version) {
        return withInfo(
                execution,
                execution.info().toBuilder().workflowType(type(name, version)).build());
    }

    static ExecutionRecord withCounts(ExecutionRecord execution, int openActivityTasks, String context) {
        return new ExecutionRecord(
                execution.domain(),
                execution.info(),
                execution.configuration(),
                counts(openActivityTasks),
                at(openActivityTasks),
                context);
    }

    static ExecutionRecord closed(ExecutionRecord execution, CloseStatus status, long closeSecond) {
        return withInfo(
                execution,
                execution.info().toBuilder()
                        .executionStatus(ExecutionStatus.CLOSED)
                        .closeStatus(status)
                        .closeTimestamp(at(closeSecond))
                        .build());
    }

    /** Events {@code from} to {@code to}, inclusive: a start, then scheduled activities. */
    static List<HistoryEvent> events(long from, long to) {
        List<HistoryEvent> events = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            events.add(event(id));
        }
        return events;
    }

    static HistoryEvent event(long id) {
        HistoryEvent.Builder event = HistoryEvent.builder().eventId(id).eventTimestamp(at(id));
        if (id == 1) {
            return event.eventType(EventType.WORKFLOW_EXECUTION_STARTED)
                    .workflowExecutionStartedEventAttributes(WorkflowExecutionStartedEventAttributes.builder()
                            .input("{\"order\":42}")
                            .workflowType(type("order", "1"))
                            .taskList(TaskList.builder().name("deciders").build())
                            .childPolicy(ChildPolicy.TERMINATE)
                            .build())
                    .build();
        }
        return event.eventType(EventType.ACTIVITY_TASK_SCHEDULED)
                .activityTaskScheduledEventAttributes(ActivityTaskScheduledEventAttributes.builder()
                        .activityId("a" + id)
                        .activityType(ActivityType.builder()
                                .name("charge")
                                .version("1")
                                .build())
                        .input("input " + id)
                        .decisionTaskCompletedEventId(id - 1)
                        .build())
                .build();
    }

    private static ExecutionRecord withInfo(ExecutionRecord execution, WorkflowExecutionInfo info) {
        return new ExecutionRecord(
                execution.domain(),
                info,
                execution.configuration(),
                execution.openCounts(),
                execution.latestActivityTaskTimestamp(),
                execution.latestExecutionContext());
    }

    private static WorkflowType type(String name, String version) {
        return WorkflowType.builder().name(name).version(version).build();
    }

    private static WorkflowExecutionOpenCounts counts(int openActivityTasks) {
        return WorkflowExecutionOpenCounts.builder()
                .openActivityTasks(openActivityTasks)
                .openDecisionTasks(1)
                .openTimers(0)
                .openChildWorkflowExecutions(0)
                .openLambdaFunctions(0)
                .build();
    }
}
