package org.cpe.decider.logic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.cpe.decider.logic.JobView.Status;
import org.cpe.protocol.Signals;
import org.junit.jupiter.api.Test;

class JobViewTest {

    @Test
    void everyStepOfThePlanIsShownWithWhereItIs() throws Exception {
        History h = History.started("{}")
                .decided()
                .scheduled("first")
                .taskStarted("first")
                .completed("first", "{\"value\": 7}")
                .decisionTask()
                .decided()
                .scheduled("left")
                .scheduled("right")
                .taskStarted("right");

        JobView view = JobView.of(DeciderTest.plan(DeciderTest.DIAMOND), h.events());

        assertThat(statuses(view))
                .containsExactly(
                        Map.entry("first", Status.SUCCEEDED),
                        Map.entry("left", Status.SCHEDULED),
                        Map.entry("right", Status.RUNNING),
                        Map.entry("last", Status.PENDING));
        JobView.Step first = view.steps().get(0);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.activityName()).isEqualTo("A");
        assertThat(first.outputs()).isEqualTo(new ObjectMapper().readTree("{\"value\": 7, \"all\": {\"value\": 7}}"));
        assertThat(first.scheduledAt()).isBefore(first.startedAt());
        assertThat(first.startedAt()).isBefore(first.endedAt());
        assertThat(view.steps().get(1).startedAt()).isNull();
        assertThat(view.endedSteps()).isEqualTo(1);
        assertThat(view.cancelRequested()).isFalse();
    }

    @Test
    void skipsCascadeAndAFailureShowsItsReason() {
        History h = History.started("{}")
                .decided()
                .scheduled("work")
                .failed("work", "DISK_FULL", "no space")
                .decisionTask();

        JobView view = JobView.of(DeciderTest.plan(DeciderTest.BRANCH), h.events());

        assertThat(statuses(view))
                .containsEntry("work", Status.FAILED)
                .containsEntry("onSuccess", Status.SKIPPED)
                .containsEntry("after", Status.SKIPPED)
                .containsEntry("onFailure", Status.PENDING);
        JobView.Step work = view.steps().get(0);
        assertThat(work.reason()).isEqualTo("DISK_FULL");
        assertThat(work.details()).isEqualTo("no space");
        assertThat(work.endedAt()).isAfter(Instant.EPOCH);
    }

    @Test
    void aStepWaitingForItsRetryIsRetryingWithItsLastFailure() {
        History h = History.started("{}")
                .decided()
                .scheduled("work")
                .failed("work", "FLAKY", "x")
                .decisionTask()
                .decided()
                .timerStarted("retry2-work", "work");

        JobView.Step work = JobView.of(DeciderTest.plan(DeciderTest.RETRY), h.events())
                .steps()
                .get(0);

        assertThat(work.status()).isEqualTo(Status.RETRYING);
        assertThat(work.attempts()).isEqualTo(1);
        assertThat(work.reason()).isEqualTo("FLAKY");
    }

    @Test
    void aCancelRequestIsShownOnTheJobAndTheSteps() {
        History h = History.started("{}")
                .decided()
                .scheduled("first")
                .signaled(Signals.CANCEL_ACTIVITY, Signals.cancelActivityInput("first"));

        JobView view = JobView.of(DeciderTest.plan(DeciderTest.DIAMOND), h.events());
        assertThat(view.steps().get(0).cancelRequested()).isTrue();
        assertThat(view.cancelRequested()).isFalse();

        h.cancelRequested();
        assertThat(JobView.of(DeciderTest.plan(DeciderTest.DIAMOND), h.events()).cancelRequested())
                .isTrue();
    }

    @Test
    void theProgressTheWorkerSignaledIsShownForTheAttemptThatRuns() throws Exception {
        History h = History.started("{}").decided().scheduled("first").taskStarted("first");
        long started = h.events().size();
        h.signaled(Signals.PROGRESS, Signals.progressInput("first", started, "{\"progress\": 30}"))
                .signaled(Signals.PROGRESS, Signals.progressInput("first", started - 1, "{\"progress\": 90}"));

        JobView.Step first = JobView.of(DeciderTest.plan(DeciderTest.DIAMOND), h.events())
                .steps()
                .get(0);

        assertThat(first.progress()).isEqualTo(new ObjectMapper().readTree("{\"progress\": 30}"));
        assertThat(first.progressAt()).isNotNull();
        assertThat(DeciderTest.decide(DeciderTest.DIAMOND, h.decisionTask()).decisions())
                .as("the Decider decides nothing on progress")
                .isEmpty();

        h.decided().completed("first", "{}");
        assertThat(JobView.of(DeciderTest.plan(DeciderTest.DIAMOND), h.events())
                        .steps()
                        .get(0)
                        .progress())
                .as("an ended step has no progress")
                .isNull();
    }

    private static Map<String, Status> statuses(JobView view) {
        return view.steps().stream()
                .collect(Collectors.toMap(
                        JobView.Step::name, JobView.Step::status, (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
