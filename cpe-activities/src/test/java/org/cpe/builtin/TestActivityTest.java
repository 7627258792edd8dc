package org.cpe.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.cpe.activity.ActivityCanceledException;
import org.cpe.activity.ActivityException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TestActivityTest {

    private final TestActivity activity = new TestActivity();
    private final RecordingContext context = new RecordingContext();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void emptyInputRunsOneStepAndEchoesNull() throws Exception {
        JsonNode result = run("{}");

        assertThat(result.get("echo").isNull()).isTrue();
        assertThat(result.get("steps").asInt()).isEqualTo(1);
        assertThat(context.reports()).containsExactly("progress 100");
    }

    @Test
    void echoComesBackAndEachStepReportsItsProgress() throws Exception {
        JsonNode result = run("{\"echo\": {\"a\": [1, 2]}, \"steps\": 4}");

        assertThat(result.get("echo").toString()).isEqualTo("{\"a\":[1,2]}");
        assertThat(result.get("steps").asInt()).isEqualTo(4);
        assertThat(context.reports()).containsExactly("progress 25", "progress 50", "progress 75", "progress 100");
    }

    @Test
    void stepsShareTheSleepAndTheResultMeasuresIt() throws Exception {
        long started = System.nanoTime();

        JsonNode result = run("{\"sleepMs\": 60, \"steps\": 7}");

        assertThat(result.get("sleptMs").asLong())
                .isGreaterThanOrEqualTo(60)
                .isLessThanOrEqualTo(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(context.progress()).containsExactly(14, 28, 42, 57, 71, 85, 100);
    }

    @Test
    void stallSleepsAfterTheStepsWithoutReportingAnything() throws Exception {
        JsonNode result = run("{\"stallMs\": 80}");

        assertThat(result.get("sleptMs").asLong()).isGreaterThanOrEqualTo(80);
        assertThat(context.reports()).containsExactly("progress 100");
    }

    @Test
    void failOnCommandThrowsTheGivenReasonAndDetailsAfterTheSteps() {
        assertThatThrownBy(() -> run("{\"steps\": 2, \"fail\": {\"reason\": \"X\", \"details\": \"why\"}}"))
                .isInstanceOf(ActivityException.class)
                .isNotInstanceOf(ActivityCanceledException.class)
                .hasFieldOrPropertyWithValue("reason", "X")
                .hasMessage("why");
        assertThat(context.progress()).containsExactly(50, 100);
    }

    @Test
    void failWithoutReasonOrDetailsUsesTheDefaults() {
        assertThatThrownBy(() -> run("{\"fail\": {}}"))
                .isInstanceOf(ActivityException.class)
                .hasFieldOrPropertyWithValue("reason", "TEST_FAILURE")
                .hasMessage("failed on command");
    }

    @Test
    void crashThrowsIllegalStateWithTheMessage() {
        assertThatThrownBy(() -> run("{\"crash\": \"boom\"}"))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("boom");
    }

    @Test
    void failWinsOverCrash() {
        assertThatThrownBy(() -> run("{\"crash\": \"boom\", \"fail\": {\"reason\": \"X\"}}"))
                .isInstanceOf(ActivityException.class)
                .hasFieldOrPropertyWithValue("reason", "X");
    }

    @Test
    void cancelRequestedBeforeAStepStopsTheTaskAsCanceled() {
        context.requestCancel();

        assertThatThrownBy(() -> run("{\"steps\": 3}")).isInstanceOf(ActivityCanceledException.class);
        assertThat(context.reports()).isEmpty();
    }

    @Test
    void interruptWhileSleepingInAStepCancelsAndKeepsTheInterruptFlag() throws Exception {
        assertInterruptCancels("{\"sleepMs\": 60000}", () -> true);
        assertThat(context.reports()).isEmpty();
    }

    @Test
    void interruptWhileStallingCancelsAndKeepsTheInterruptFlag() throws Exception {
        assertInterruptCancels("{\"stallMs\": 60000}", () -> context.progress().contains(100));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"sleepMs\": -1}",
                "{\"sleepMs\": 86400001}",
                "{\"sleepMs\": 1.5}",
                "{\"sleepMs\": \"10\"}",
                "{\"steps\": 0}",
                "{\"steps\": 10001}",
                "{\"stallMs\": -5}",
                "{\"stallMs\": 86400001}",
                "{\"crash\": 42}",
                "{\"fail\": \"yes\"}",
                "[]",
                "\"sleep\""
            })
    void badInputIsInvalidBeforeAnythingRuns(String input) {
        assertThatThrownBy(() -> run(input))
                .isInstanceOf(ActivityException.class)
                .hasFieldOrPropertyWithValue("reason", "INPUT_INVALID");
        assertThat(context.reports()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"sleepMs, 0, 86400000", "steps, 1, 10000", "stallMs, 0, 86400000"})
    void invalidNumberMessageNamesTheFieldAndItsRange(String field, long min, long max) {
        assertThatThrownBy(() -> run("{\"" + field + "\": " + (max + 1) + "}"))
                .hasMessageContaining("\"" + field + "\" must be a whole number from " + min + " to " + max);
    }

    /** Runs {@code input} on another thread, interrupts it once it sleeps and {@code ready} holds. */
    private void assertInterruptCancels(String input, java.util.function.BooleanSupplier ready) throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicBoolean interruptFlagKept = new AtomicBoolean();
        Future<JsonNode> task = executor.submit(() -> {
            worker.set(Thread.currentThread());
            try {
                return run(input);
            } finally {
                interruptFlagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        Eventually.until(
                "the activity sleeps",
                () -> worker.get() != null
                        && worker.get().getState() == Thread.State.TIMED_WAITING
                        && ready.getAsBoolean());

        worker.get().interrupt();

        assertThatThrownBy(() -> task.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ActivityCanceledException.class)
                .hasFieldOrPropertyWithValue("reason", "CANCELED");
        assertThat(interruptFlagKept).isTrue();
    }

    private JsonNode run(String input) throws Exception {
        return activity.execute(TestTask.of(input), context);
    }
}
