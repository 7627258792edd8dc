package org.cpe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.cpe.client.message.CpeMessage;
import org.cpe.client.message.CpeMessages;
import org.cpe.client.message.TypeRef;
import org.junit.jupiter.api.Test;

class JobProgressTest {

    private final JobProgress progress = new JobProgress();

    /** The Decider's ACTIVITY_SCHEDULED in the original shape: the type's name alone, its version beside it. */
    private static CpeMessage scheduled(String step, int attempt) {
        return CpeMessages.parse("{\"type\":\"ACTIVITY_SCHEDULED\",\"jobId\":\"j\",\"data\":{\"activity\":{"
                + "\"activityId\":\"" + step + "\",\"activityType\":\"Test\",\"activityVersion\":\"1\","
                + "\"attempt\":" + attempt + "}}}");
    }

    /** A worker's message about {@code step}: the type as {name, version}, and {@code result} when not null. */
    private static CpeMessage worker(String type, String step, String result) {
        return CpeMessages.parse("{\"type\":\"" + type + "\",\"jobId\":\"j\",\"data\":{\"activity\":{"
                + "\"activityId\":\"" + step + "\",\"activityType\":{\"name\":\"Test\",\"version\":\"1\"}"
                + (result == null ? "" : ",\"result\":" + result) + "}}}");
    }

    private static CpeMessage progressOf(String step, String percent) {
        return worker("ACTIVITY_PROGRESS", step, "{\"progress\":" + percent + "}");
    }

    private JobProgress.Row row(String step) {
        return progress.rows().stream()
                .filter(r -> r.step().equals(step))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + step + " in " + progress.rows()));
    }

    @Test
    void listsTheStepsInTheOrderTheyWereFirstHeardOf() {
        progress.apply(scheduled("right", 1));
        progress.apply(scheduled("left", 1));
        progress.apply(worker("ACTIVITY_STARTED", "left", null));
        progress.apply(progressOf("checksum", "10"));
        progress.apply(worker("ACTIVITY_COMPLETED", "right", "{}"));

        assertThat(progress.rows()).extracting(JobProgress.Row::step).containsExactly("right", "left", "checksum");
    }

    @Test
    void aNewStepIsScheduledAtNothingDone() {
        boolean changed = progress.apply(scheduled("left", 1));

        assertThat(changed).isTrue();
        JobProgress.Row left = row("left");
        assertThat(left.state()).isEqualTo("SCHEDULED");
        assertThat(left.percent()).isZero();
        assertThat(left.attempt()).isEqualTo(1);
        assertThat(left.note()).isEmpty();
    }

    @Test
    void aProgressReportSetsTheStepsPercentage() {
        progress.apply(scheduled("left", 1));

        boolean changed = progress.apply(progressOf("left", "40"));

        assertThat(changed).isTrue();
        assertThat(row("left").state()).isEqualTo("RUNNING");
        assertThat(row("left").percent()).isEqualTo(40);
    }

    @Test
    void aFractionalProgressIsFloored() {
        progress.apply(progressOf("left", "40.9"));

        assertThat(row("left").percent()).isEqualTo(40);
    }

    @Test
    void aLowerReportDoesNotTakeThePercentageBack() {
        progress.apply(progressOf("left", "60"));
        progress.apply(progressOf("left", "30"));

        assertThat(row("left").percent()).isEqualTo(60);
    }

    @Test
    void aCompletedStepIsAtAHundredPercent() {
        progress.apply(scheduled("left", 1));
        progress.apply(progressOf("left", "40"));

        boolean changed = progress.apply(worker("ACTIVITY_COMPLETED", "left", "{\"echo\":\"hi\"}"));

        assertThat(changed).isTrue();
        assertThat(row("left").state()).isEqualTo("COMPLETED");
        assertThat(row("left").percent()).isEqualTo(100);
    }

    @Test
    void aLateReportDoesNotSetAnEndedStepBack() {
        progress.apply(scheduled("left", 1));
        progress.apply(worker("ACTIVITY_COMPLETED", "left", "{}"));

        boolean changed = progress.apply(progressOf("left", "40"));

        assertThat(changed).isFalse();
        assertThat(row("left").state()).isEqualTo("COMPLETED");
        assertThat(row("left").percent()).isEqualTo(100);
    }

    @Test
    void aLateStartDoesNotSetAFailedStepBack() {
        progress.apply(worker("ACTIVITY_FAILED", "left", "{\"reason\":\"X\",\"details\":\"why\"}"));

        boolean changed = progress.apply(worker("ACTIVITY_STARTED", "left", null));

        assertThat(changed).isFalse();
        assertThat(row("left").state()).isEqualTo("FAILED");
    }

    @Test
    void aFailedStepNotesReasonAndDetails() {
        progress.apply(scheduled("left", 1));
        progress.apply(progressOf("left", "30"));

        boolean changed = progress.apply(worker("ACTIVITY_FAILED", "left", "{\"reason\":\"X\",\"details\":\"why\"}"));

        assertThat(changed).isTrue();
        JobProgress.Row left = row("left");
        assertThat(left.state()).isEqualTo("FAILED");
        assertThat(left.note()).isEqualTo("X: why");
        assertThat(left.percent()).isEqualTo(30);
    }

    @Test
    void aRetryingStepNamesTheNextAttempt() {
        progress.apply(scheduled("left", 1));
        progress.apply(worker("ACTIVITY_FAILED", "left", "{\"reason\":\"X\",\"details\":\"why\"}"));

        boolean changed = progress.apply(CpeMessages.parse("{\"type\":\"ACTIVITY_RETRYING\",\"jobId\":\"j\","
                + "\"data\":{\"activity\":{\"activityId\":\"left\",\"activityType\":{\"name\":\"Test\","
                + "\"version\":\"1\"},\"attempt\":1,\"nextAttempt\":2,\"delaySeconds\":2.0,\"reason\":\"X\"}}}"));

        assertThat(changed).isTrue();
        JobProgress.Row left = row("left");
        assertThat(left.state()).isEqualTo("RETRYING");
        assertThat(left.percent()).isZero();
        assertThat(left.note()).startsWith("X").contains("attempt 2").contains("2 s");
    }

    @Test
    void theNextAttemptRunsAgainAfterARetry() {
        progress.apply(scheduled("left", 1));
        progress.apply(worker("ACTIVITY_FAILED", "left", "{\"reason\":\"X\",\"details\":\"why\"}"));
        progress.apply(CpeMessages.parse("{\"type\":\"ACTIVITY_RETRYING\",\"jobId\":\"j\",\"data\":{\"activity\":"
                + "{\"activityId\":\"left\",\"attempt\":1,\"nextAttempt\":2,\"delaySeconds\":2.0,\"reason\":\"X\"}}}"));
        progress.apply(scheduled("left", 2));

        boolean changed = progress.apply(progressOf("left", "20"));

        assertThat(changed).isTrue();
        JobProgress.Row left = row("left");
        assertThat(left.state()).isEqualTo("RUNNING");
        assertThat(left.percent()).isEqualTo(20);
        assertThat(left.attempt()).isEqualTo(2);
    }

    @Test
    void readsTheOriginalScheduledShapeWithItsAttempt() {
        progress.apply(scheduled("left", 2));

        JobProgress.Row left = row("left");
        assertThat(left.type()).isEqualTo(new TypeRef("Test", "1"));
        assertThat(left.type()).hasToString("Test:1");
        assertThat(left.attempt()).isEqualTo(2);
        assertThat(left.note()).contains("attempt 2");
    }

    @Test
    void workerMessagesGiveTheTypeAsNameAndVersion() {
        progress.apply(progressOf("left", "5"));

        assertThat(row("left").type()).isEqualTo(new TypeRef("Test", "1"));
        assertThat(row("left").attempt()).isEqualTo(1);
    }

    @Test
    void aWorkerMessageKeepsTheAttemptTheDeciderScheduled() {
        progress.apply(scheduled("left", 3));

        progress.apply(progressOf("left", "5"));

        assertThat(row("left").attempt()).isEqualTo(3);
    }

    @Test
    void aRepeatedReportChangesNothing() {
        progress.apply(progressOf("left", "40"));

        assertThat(progress.apply(progressOf("left", "40"))).isFalse();
    }

    @Test
    void messagesThatAreNotAboutAStepChangeNothing() {
        boolean changed = progress.apply(CpeMessages.parse("{\"type\":\"WORKFLOW_SCHEDULED\",\"jobId\":\"j\","
                + "\"workflowType\":{\"name\":\"cpe-demo\",\"version\":\"1\"},\"data\":{}}"));

        assertThat(changed).isFalse();
        assertThat(progress.rows()).isEmpty();
    }

    @Test
    void anActivityMessageWithoutAStepNameChangesNothing() {
        boolean changed = progress.apply(
                CpeMessages.parse("{\"type\":\"ACTIVITY_PROGRESS\",\"jobId\":\"j\",\"data\":{\"activity\":{"
                        + "\"result\":{\"progress\":40}}}}"));

        assertThat(changed).isFalse();
        assertThat(progress.rows()).isEmpty();
    }

    @Test
    void aLateScheduleDoesNotSetAnEndedStepBack() {
        progress.apply(scheduled("left", 1));
        progress.apply(worker("ACTIVITY_COMPLETED", "left", null));

        assertThat(progress.apply(scheduled("left", 1))).isFalse();
        assertThat(row("left").state()).isEqualTo("COMPLETED");
        assertThat(row("left").percent()).isEqualTo(100);
    }

    @Test
    void aScheduleArrivingAfterItsStartDoesNotSetTheStepBack() {
        progress.apply(worker("ACTIVITY_STARTED", "left", null));
        progress.apply(progressOf("left", "30"));

        assertThat(progress.apply(scheduled("left", 1))).isFalse();
        assertThat(row("left").state()).isEqualTo("RUNNING");
        assertThat(row("left").percent()).isEqualTo(30);
    }
}
