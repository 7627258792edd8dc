package org.cpe.swf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.util.List;
import org.cpe.swf.engine.EngineOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.*;

/** SWF's quotas: the history size limit terminates an execution, and a start takes at most five tags. */
class LimitsTest {

    private static final int MAX_EVENTS = 20;

    private static SwfService service;
    private Workflows wf;

    @BeforeAll
    static void startService() {
        service = SwfService.start(EngineOptions.defaults()
                .withPollTimeout(SwfService.POLL_TIMEOUT)
                .withMaxHistoryEvents(MAX_EVENTS));
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
    void executionReachingTheHistoryLimitIsTerminatedWithEventLimitExceeded() {
        String runId = wf.start("chatty");
        int signals = 0;
        while (wf.describe("chatty", runId).executionStatus() == ExecutionStatus.OPEN) {
            assertThat(signals).as("signals before the limit").isLessThan(MAX_EVENTS);
            service.client()
                    .signalWorkflowExecution(
                            r -> r.domain(wf.domain).workflowId("chatty").signalName("tick"));
            signals++;
        }

        List<HistoryEvent> history = wf.history("chatty", runId);
        assertThat(history).hasSizeLessThanOrEqualTo(MAX_EVENTS);
        assertThat(history).last().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo(WORKFLOW_EXECUTION_TERMINATED);
            assertThat(e.workflowExecutionTerminatedEventAttributes().cause())
                    .isEqualTo(WorkflowExecutionTerminatedCause.EVENT_LIMIT_EXCEEDED);
        });
        assertThat(wf.describe("chatty", runId).closeStatus()).isEqualTo(CloseStatus.TERMINATED);
        assertThatThrownBy(() -> service.client()
                        .signalWorkflowExecution(
                                r -> r.domain(wf.domain).workflowId("chatty").signalName("tick")))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> service.client().signalWorkflowExecution(r -> r.domain(wf.domain)
                        .workflowId("chatty")
                        .runId(runId)
                        .signalName("tick")))
                .isInstanceOf(UnknownResourceException.class);
        assertThat(wf.history("chatty", runId)).hasSameSizeAs(history);
    }

    @Test
    void moreThanFiveTagsAreAValidationError() {
        Runs.assertFault(
                () -> Runs.start(wf, "tags", r -> r.tagList("1", "2", "3", "4", "5", "6")), "ValidationException");

        String runId = Runs.start(wf, "tags", r -> r.tagList("1", "2", "3", "4", "5"));
        assertThat(wf.describe("tags", runId).tagList()).containsExactly("1", "2", "3", "4", "5");
    }
}
