package org.cpe.swf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.*;

/** A one-activity workflow from start to close, through the AWS SDK v2 over HTTP. */
class WorkflowLifecycleTest {

    private static SwfService service;
    private Workflows wf;

    @BeforeAll
    static void startService() {
        service = SwfService.start();
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    @BeforeEach
    void registerTypes() {
        wf = new Workflows(service.client());
    }

    @Test
    void oneActivityWorkflowRunsToCompletionWithSwfHistory() {
        String runId = wf.start("job-1");

        PollForDecisionTaskResponse first = wf.decisionTask();
        assertThat(first.workflowExecution().runId()).isEqualTo(runId);
        assertThat(first.workflowType()).isEqualTo(wf.workflowType);
        assertThat(first.previousStartedEventId()).isZero();
        assertThat(first.events())
                .extracting(HistoryEvent::eventType)
                .containsExactly(WORKFLOW_EXECUTION_STARTED, DECISION_TASK_SCHEDULED, DECISION_TASK_STARTED);
        assertThat(first.events()
                        .get(0)
                        .workflowExecutionStartedEventAttributes()
                        .input())
                .isEqualTo("in");
        assertThat(first.events()
                        .get(0)
                        .workflowExecutionStartedEventAttributes()
                        .taskList()
                        .name())
                .as("the type's default task list applies")
                .isEqualTo(wf.decisionList);
        wf.decide(first.taskToken(), Workflows.scheduleActivity(wf.activityType, "a1", "work"));

        PollForActivityTaskResponse task = wf.activityTask();
        assertThat(task.activityId()).isEqualTo("a1");
        assertThat(task.input()).isEqualTo("work");
        assertThat(task.workflowExecution().runId()).isEqualTo(runId);
        service.client()
                .respondActivityTaskCompleted(r -> r.taskToken(task.taskToken()).result("done"));

        PollForDecisionTaskResponse second = wf.decisionTask();
        assertThat(second.previousStartedEventId()).isEqualTo(first.startedEventId());
        HistoryEvent completed = second.events().stream()
                .filter(e -> e.eventType() == ACTIVITY_TASK_COMPLETED)
                .findFirst()
                .orElseThrow();
        assertThat(completed.activityTaskCompletedEventAttributes().result()).isEqualTo("done");
        wf.decide(second.taskToken(), Workflows.complete("all done"));

        assertThat(wf.eventTypes("job-1", runId))
                .containsExactly(
                        WORKFLOW_EXECUTION_STARTED,
                        DECISION_TASK_SCHEDULED,
                        DECISION_TASK_STARTED,
                        DECISION_TASK_COMPLETED,
                        ACTIVITY_TASK_SCHEDULED,
                        ACTIVITY_TASK_STARTED,
                        ACTIVITY_TASK_COMPLETED,
                        DECISION_TASK_SCHEDULED,
                        DECISION_TASK_STARTED,
                        DECISION_TASK_COMPLETED,
                        WORKFLOW_EXECUTION_COMPLETED);
        WorkflowExecutionInfo info = wf.describe("job-1", runId);
        assertThat(info.executionStatus()).isEqualTo(ExecutionStatus.CLOSED);
        assertThat(info.closeStatus()).isEqualTo(CloseStatus.COMPLETED);
        assertThat(wf.history("job-1", runId)
                        .get(10)
                        .workflowExecutionCompletedEventAttributes()
                        .result())
                .isEqualTo("all done");
    }

    @Test
    void anOpenWorkflowIdCannotBeStartedTwiceButAClosedOneCan() {
        String runId = wf.start("same-id");
        assertThatThrownBy(() -> wf.start("same-id")).isInstanceOf(WorkflowExecutionAlreadyStartedException.class);
        service.client()
                .terminateWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId("same-id").reason("test"));

        String second = wf.start("same-id");
        assertThat(second).isNotEqualTo(runId);
        assertThat(wf.describe("same-id", runId).closeStatus()).isEqualTo(CloseStatus.TERMINATED);
    }

    @Test
    void missingDefaultsAreRefusedWithDefaultUndefinedFault() {
        service.client()
                .registerWorkflowType(r -> r.domain(wf.domain).name("bare").version("1"));
        assertThatThrownBy(() -> service.client().startWorkflowExecution(r -> r.domain(wf.domain)
                        .workflowId("bare-1")
                        .workflowType(t -> t.name("bare").version("1"))))
                .isInstanceOf(DefaultUndefinedException.class)
                .hasMessageContaining("taskList");
    }

    @Test
    void closedExecutionsAreListedAndCountedWithFilters() {
        Instant since = Instant.now().minusSeconds(60);
        String done = wf.start("listed-done");
        wf.start("listed-open");
        service.client().terminateWorkflowExecution(r -> r.domain(wf.domain).workflowId("listed-done"));

        ListClosedWorkflowExecutionsResponse closed = service.client()
                .listClosedWorkflowExecutions(r -> r.domain(wf.domain)
                        .startTimeFilter(f -> f.oldestDate(since))
                        .closeStatusFilter(f -> f.status(CloseStatus.TERMINATED)));
        assertThat(closed.executionInfos())
                .extracting(i -> i.execution().runId())
                .containsExactly(done);
        ListOpenWorkflowExecutionsResponse open = service.client()
                .listOpenWorkflowExecutions(r -> r.domain(wf.domain).startTimeFilter(f -> f.oldestDate(since)));
        assertThat(open.executionInfos())
                .extracting(i -> i.execution().workflowId())
                .containsExactly("listed-open");
        assertThat(service.client()
                        .countOpenWorkflowExecutions(r -> r.domain(wf.domain).startTimeFilter(f -> f.oldestDate(since)))
                        .count())
                .isEqualTo(1);
        assertThat(service.client()
                        .countClosedWorkflowExecutions(
                                r -> r.domain(wf.domain).startTimeFilter(f -> f.oldestDate(since)))
                        .count())
                .isEqualTo(1);
    }
}
