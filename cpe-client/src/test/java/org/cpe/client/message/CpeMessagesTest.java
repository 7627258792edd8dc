package org.cpe.client.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.cpe.protocol.MessageType;
import org.junit.jupiter.api.Test;

/** The messages in the shapes CPE's roles write them (see the protocol's Envelope, and the server's Replies and ActivityMessages). */
class CpeMessagesTest {

    @Test
    void everyMessageTypeHasItsClass() {
        assertThat(CpeMessages.coversEveryType()).isTrue();
        for (MessageType type : MessageType.values()) {
            if (type != MessageType.UNKNOWN) {
                CpeMessage message = CpeMessages.parse("{\"type\":\"" + type + "\",\"data\":{}}");
                assertThat(message).isNotInstanceOf(UnknownMessage.class);
                assertThat(message.messageType()).isEqualTo(type);
            }
        }
    }

    @Test
    void readsTheEnvelopeWithTimeInEpochSeconds() {
        CpeMessage message = CpeMessages.parse(
                "{\"time\":1437447258.981,\"type\":\"WORKFLOW_CANCELED\",\"jobId\":\"j1\","
                        + "\"data\":{\"workflow\":{\"workflowId\":\"demo.j1\",\"runId\":\"r1\"}}}",
                "receipt");

        assertThat(message).isInstanceOf(WorkflowCanceled.class);
        assertThat(message.time()).isEqualTo(Instant.ofEpochMilli(1437447258981L));
        assertThat(message.jobId()).isEqualTo("j1");
        assertThat(message.workflowId()).isEqualTo("demo.j1");
        assertThat(message.runId()).isEqualTo("r1");
        assertThat(message.receiptHandle()).isEqualTo("receipt");
        assertThat(message.endsJob()).isTrue();
        assertThat(message.json().toString()).as("written out again as it came").contains("\"time\":1437447258.981");
    }

    @Test
    void readsTheOriginalShapesOfScheduledMessages() {
        WorkflowScheduled scheduled = (WorkflowScheduled)
                CpeMessages.parse(
                        "{\"type\":\"WORKFLOW_SCHEDULED\",\"jobId\":\"j1\",\"runId\":\"r1\",\"workflowId\":\"demo.j1\","
                                + "\"workflowType\":{\"name\":\"cpe-demo\",\"version\":\"1\"},\"input\":{\"seconds\":1},"
                                + "\"alreadyStarted\":true,\"data\":{\"workflow\":{\"workflowId\":\"demo.j1\",\"runId\":\"r1\"}}}");
        ActivityScheduled activity = (ActivityScheduled) CpeMessages.parse(
                "{\"type\":\"ACTIVITY_SCHEDULED\",\"jobId\":\"j1\",\"data\":{\"activity\":{\"activityId\":\"left\","
                        + "\"activityType\":\"Test\",\"activityVersion\":\"1\",\"attempt\":2}}}");

        assertThat(scheduled.workflowType()).isEqualTo(new TypeRef("cpe-demo", "1"));
        assertThat(scheduled.input().path("seconds").asInt()).isEqualTo(1);
        assertThat(scheduled.alreadyStarted()).isTrue();
        assertThat(scheduled.endsJob()).isFalse();
        assertThat(activity.activityId()).isEqualTo("left");
        assertThat(activity.activityType()).isEqualTo(new TypeRef("Test", "1"));
        assertThat(activity.attempt()).isEqualTo(2);
    }

    @Test
    void readsTheWorkersReports() {
        ActivityProgress progress = (ActivityProgress) CpeMessages.parse(
                "{\"type\":\"ACTIVITY_PROGRESS\",\"jobId\":\"j1\",\"data\":{\"activity\":{\"activityId\":\"left\","
                        + "\"activityType\":{\"name\":\"Test\",\"version\":\"1\"},\"result\":{\"progress\":42.7}}}}");
        ActivityFailed failed = (ActivityFailed) CpeMessages.parse(
                "{\"type\":\"ACTIVITY_FAILED\",\"jobId\":\"j1\",\"data\":{\"activity\":{\"activityId\":\"left\","
                        + "\"result\":{\"reason\":\"TEST_FAILURE\",\"details\":\"failed on command\"}}}}");

        assertThat(progress.percent()).isEqualTo(42);
        assertThat(progress.activityType()).isEqualTo(new TypeRef("Test", "1"));
        assertThat(failed.reason()).isEqualTo("TEST_FAILURE");
        assertThat(failed.details()).isEqualTo("failed on command");
    }

    @Test
    void readsTheEndsOfAJob() {
        WorkflowFailed failed = (WorkflowFailed) CpeMessages.parse(
                "{\"type\":\"WORKFLOW_FAILED\",\"jobId\":\"j1\",\"data\":{\"step\":\"left\",\"reason\":\"TEST_FAILURE\","
                        + "\"details\":\"failed on command\"}}");
        WorkflowCompleted completed = (WorkflowCompleted)
                CpeMessages.parse(
                        "{\"type\":\"WORKFLOW_COMPLETED\",\"jobId\":\"j1\",\"data\":{\"result\":{\"sum\":{\"checksum\":\"ab\"}}}}");
        JobStartFailed refused = (JobStartFailed) CpeMessages.parse(
                "{\"type\":\"JOB_START_FAILED\",\"jobId\":\"j1\",\"data\":{\"reason\":\"UNKNOWN_WORKFLOW_TYPE\","
                        + "\"message\":\"no plan\",\"command\":\"START_JOB\"}}");
        CommandRejected badStatus = (CommandRejected) CpeMessages.parse(
                "{\"type\":\"COMMAND_REJECTED\",\"jobId\":\"j1\",\"data\":{\"reason\":\"NO_SUCH_JOB\","
                        + "\"command\":\"GET_JOB_STATUS\"}}");

        assertThat(failed.step()).isEqualTo("left");
        assertThat(failed.reason()).isEqualTo("TEST_FAILURE");
        assertThat(completed.result().path("sum").path("checksum").asText()).isEqualTo("ab");
        assertThat(refused.reason()).isEqualTo("UNKNOWN_WORKFLOW_TYPE");
        assertThat(refused.endsJob()).isTrue();
        assertThat(badStatus.endsJob()).as("a refused question ends no job").isFalse();
    }

    @Test
    void aRefusalNamesTheMessageItRefusesAndWhatCouldBeReadOfIt() {
        CommandRejected unreadable = (CommandRejected)
                CpeMessages.parse("{\"type\":\"COMMAND_REJECTED\",\"jobId\":null,\"data\":{\"reason\":\"INVALID_JSON\","
                        + "\"message\":\"not JSON\",\"messageId\":\"m-1\",\"command\":null,\"raw\":\"{not json\"}}");
        JobStartFailed refused = (JobStartFailed) CpeMessages.parse(
                "{\"type\":\"JOB_START_FAILED\",\"jobId\":\"j1\",\"data\":{\"reason\":\"UNKNOWN_WORKFLOW_TYPE\","
                        + "\"message\":\"no plan\",\"messageId\":\"m-2\",\"command\":\"START_JOB\"}}");

        assertThat(unreadable.messageId()).isEqualTo("m-1");
        assertThat(unreadable.command()).isNull();
        assertThat(unreadable.raw()).isEqualTo("{not json");
        assertThat(refused.messageId()).isEqualTo("m-2");
        assertThat(refused.command()).isEqualTo("START_JOB");
        assertThat(refused.raw()).as("a command that was read").isNull();
    }

    @Test
    void readsAJobStatusWithItsSteps() {
        JobStatus status = (JobStatus)
                CpeMessages.parse(
                        "{\"type\":\"JOB_STATUS\",\"jobId\":\"j1\",\"data\":{\"workflow\":{\"workflowId\":\"demo.j1\"},"
                                + "\"job\":{\"jobId\":\"j1\",\"workflowType\":{\"name\":\"cpe-demo\",\"version\":\"1\"},"
                                + "\"status\":\"OPEN\",\"cancelRequested\":false,\"startTime\":100.5,"
                                + "\"progress\":{\"percent\":55,\"stepsEnded\":1,\"steps\":2},\"steps\":[{\"activityId\":\"a\","
                                + "\"activityType\":{\"name\":\"Test\",\"version\":\"1\"},\"status\":\"RUNNING\",\"attempts\":1,"
                                + "\"progress\":{\"type\":\"ACTIVITY_PROGRESS\",\"percent\":10,\"details\":{\"progress\":10}}}]}}}");

        JobState job = status.job();
        assertThat(job.open()).isTrue();
        assertThat(job.startTime()).isEqualTo(Instant.ofEpochMilli(100_500));
        assertThat(job.closeTime()).isNull();
        assertThat(job.progress()).isEqualTo(new JobState.Progress(55, 1, 2));
        assertThat(job.steps()).singleElement().satisfies(step -> {
            assertThat(step.status()).isEqualTo("RUNNING");
            assertThat(step.progress().percent()).isEqualTo(10);
        });
    }

    @Test
    void keepsWhatItCannotReadAsAnUnknownMessage() {
        CpeMessage newer = CpeMessages.parse("{\"type\":\"SOMETHING_NEW\",\"jobId\":\"j1\"}");
        CpeMessage garbage = CpeMessages.parse("not json at all");

        assertThat(newer).isInstanceOf(UnknownMessage.class);
        assertThat(newer.jobId()).isEqualTo("j1");
        assertThat(garbage).isInstanceOf(UnknownMessage.class);
        assertThat(((UnknownMessage) garbage).body()).isEqualTo("not json at all");
        assertThat(garbage.messageType()).isEqualTo(MessageType.UNKNOWN);
    }
}
