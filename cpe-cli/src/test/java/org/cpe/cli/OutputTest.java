package org.cpe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.cpe.client.message.CpeMessage;
import org.cpe.client.message.CpeMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputTest {

    private static final String FAILED = "{\"type\":\"WORKFLOW_FAILED\",\"jobId\":\"j\","
            + "\"data\":{\"reason\":\"REASON\",\"details\":\"details\",\"step\":\"left\"}}";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Output output(Output.Mode mode) {
        return new Output(mode, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static CpeMessage ofType(String type) {
        return CpeMessages.parse("{\"type\":\"" + type + "\",\"jobId\":\"j\",\"data\":{}}");
    }

    @Test
    void describesAProgressReportWithItsStepAndPercentage() {
        CpeMessage message = CpeMessages.parse("{\"type\":\"ACTIVITY_PROGRESS\",\"jobId\":\"j\",\"data\":{\"activity\":"
                + "{\"activityId\":\"left\",\"activityType\":{\"name\":\"Test\",\"version\":\"1\"},"
                + "\"result\":{\"progress\":40}}}}");

        assertThat(Output.describe(message)).isEqualTo("ACTIVITY_PROGRESS j left 40%");
    }

    @Test
    void describesAStepMessageWithItsStep() {
        CpeMessage message = CpeMessages.parse("{\"type\":\"ACTIVITY_STARTED\",\"jobId\":\"j\",\"data\":{\"activity\":"
                + "{\"activityId\":\"left\",\"activityType\":{\"name\":\"Test\",\"version\":\"1\"}}}}");

        assertThat(Output.describe(message)).isEqualTo("ACTIVITY_STARTED j left");
    }

    @Test
    void describesARejectionWithItsReasonAndMessage() {
        CpeMessage message = CpeMessages.parse(
                "{\"type\":\"COMMAND_REJECTED\",\"jobId\":\"j\",\"data\":{"
                        + "\"reason\":\"NO_SUCH_JOB\",\"message\":\"the client has no job j\",\"command\":\"GET_JOB_STATUS\"}}");

        String line = Output.describe(message);

        assertThat(line)
                .startsWith("COMMAND_REJECTED j")
                .contains("NO_SUCH_JOB")
                .contains("the client has no job j");
    }

    @Test
    void describesAMessageWithoutAJobWithADash() {
        CpeMessage message = CpeMessages.parse(
                "{\"type\":\"COMMAND_REJECTED\",\"data\":{" + "\"reason\":\"MALFORMED\",\"message\":\"not JSON\"}}");

        assertThat(Output.describe(message)).isEqualTo("COMMAND_REJECTED - MALFORMED: not JSON");
    }

    @Test
    void describesAFailedJobWithItsReasonAndDetails() {
        assertThat(Output.describe(CpeMessages.parse(FAILED))).isEqualTo("WORKFLOW_FAILED j REASON: details");
    }

    @Test
    void describesACompletedJobWithItsResult() {
        CpeMessage message = CpeMessages.parse("{\"type\":\"WORKFLOW_COMPLETED\",\"jobId\":\"j\","
                + "\"data\":{\"result\":{\"checksum\":{\"algorithm\":\"SHA-256\"}}}}");

        assertThat(Output.describe(message))
                .isEqualTo("WORKFLOW_COMPLETED j {\"checksum\":{\"algorithm\":\"SHA-256\"}}");
    }

    @Test
    void describesWhatIsNotACpeMessageAsUnknown() {
        assertThat(Output.describe(CpeMessages.parse("not json"))).isEqualTo("UNKNOWN -");
    }

    @Test
    void aCompletedJobExitsWithZero() {
        assertThat(Output.status(ofType("WORKFLOW_COMPLETED"))).isEqualTo(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"WORKFLOW_FAILED", "WORKFLOW_CANCELED", "WORKFLOW_TIMED_OUT"})
    void aJobThatDidNotCompleteExitsWithOne(String type) {
        assertThat(Output.status(ofType(type))).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JOB_START_FAILED", "COMMAND_REJECTED"})
    void aRefusedJobExitsWithThree(String type) {
        assertThat(Output.status(ofType(type))).isEqualTo(3);
    }

    @Test
    void noEndExitsWithFour() {
        assertThat(Output.status(null)).isEqualTo(4);
    }

    @Test
    void aFailedJobIsReportedOnStderrWithItsReasonAndStep() {
        int status = output(Output.Mode.PLAIN).ended("j", CpeMessages.parse(FAILED));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualToIgnoringNewLines("FAILED j: REASON: details (step left)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aJobThatFailedWithoutAStepNamesNone() {
        int status = output(Output.Mode.PLAIN)
                .ended(
                        "j",
                        CpeMessages.parse("{\"type\":\"WORKFLOW_FAILED\",\"jobId\":\"j\","
                                + "\"data\":{\"reason\":\"REASON\",\"details\":\"details\"}}"));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualToIgnoringNewLines("FAILED j: REASON: details");
    }

    @Test
    void aCompletedJobPrintsItsResultOnStdout() {
        int status = output(Output.Mode.PLAIN)
                .ended(
                        "j",
                        CpeMessages.parse("{\"type\":\"WORKFLOW_COMPLETED\",\"jobId\":\"j\","
                                + "\"data\":{\"result\":{\"checksum\":{\"checksum\":\"abc\"}}}}"));

        assertThat(status).isEqualTo(0);
        assertThat(out.toString()).startsWith("COMPLETED j").contains("\"checksum\" : \"abc\"");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aTimedOutJobIsReportedOnStderrWithItsDetails() {
        int status = output(Output.Mode.PLAIN)
                .ended(
                        "j",
                        CpeMessages.parse("{\"type\":\"WORKFLOW_TIMED_OUT\",\"jobId\":\"j\","
                                + "\"data\":{\"reason\":\"WORKFLOW_TIMED_OUT\",\"details\":\"ran past 60 s\"}}"));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualToIgnoringNewLines("TIMED_OUT j: ran past 60 s");
    }

    @Test
    void aCanceledJobIsReportedOnStderr() {
        int status = output(Output.Mode.PLAIN).ended("j", ofType("WORKFLOW_CANCELED"));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).isEqualToIgnoringNewLines("CANCELED j");
    }

    @Test
    void aRefusedJobIsReportedOnStderrWithTheReason() {
        int status = output(Output.Mode.PLAIN)
                .ended(
                        "j",
                        CpeMessages.parse("{\"type\":\"JOB_START_FAILED\",\"jobId\":\"j\",\"data\":{"
                                + "\"reason\":\"UNKNOWN_WORKFLOW_TYPE\",\"message\":\"no plan nope 1\"}}"));

        assertThat(status).isEqualTo(3);
        assertThat(err.toString())
                .isEqualToIgnoringNewLines("REFUSED j: JOB_START_FAILED UNKNOWN_WORKFLOW_TYPE: no plan nope 1");
    }

    @Test
    void inJsonTheEndIsLeftToTheExitStatus() {
        int status = output(Output.Mode.JSON).ended("j", CpeMessages.parse(FAILED));

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aPlainProgressIsOneLinePerMessage() {
        JobProgress view = new JobProgress();
        CpeMessage message = CpeMessages.parse("{\"type\":\"ACTIVITY_PROGRESS\",\"jobId\":\"j\",\"data\":{\"activity\":"
                + "{\"activityId\":\"left\",\"result\":{\"progress\":40}}}}");

        output(Output.Mode.PLAIN).progress("j", message, view, view.apply(message));

        assertThat(out.toString()).isEqualToIgnoringNewLines("ACTIVITY_PROGRESS j left 40%");
    }

    @Test
    void aTerminalProgressDrawsABarPerStep() {
        JobProgress view = new JobProgress();
        CpeMessage message = CpeMessages.parse("{\"type\":\"ACTIVITY_PROGRESS\",\"jobId\":\"j\",\"data\":{\"activity\":"
                + "{\"activityId\":\"left\",\"result\":{\"progress\":40}}}}");

        output(Output.Mode.TERMINAL).progress("j", message, view, view.apply(message));

        assertThat(out.toString())
                .contains("Job j")
                .contains("left [" + "#".repeat(12) + "-".repeat(18) + "]  40% RUNNING");
    }
}
