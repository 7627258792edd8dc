package org.cpe.activitypoller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cpe.activity.ActivityCanceledException;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;
import org.junit.jupiter.api.Test;

/** How an activity's return value or exception becomes its answer to SWF, within SWF's limits. */
class TaskReplyTest {

    @Test
    void valuesAreWrittenAsJsonAndNullMeansNoResult() {
        assertThat(TaskReply.completed(Map.of("a", 1))).isEqualTo(new TaskReply.Completed("{\"a\":1}"));
        assertThat(TaskReply.completed("text")).isEqualTo(new TaskReply.Completed("\"text\""));
        assertThat(TaskReply.completed(TaskReply.JSON.createArrayNode().add(2)))
                .isEqualTo(new TaskReply.Completed("[2]"));
        assertThat(TaskReply.completed(null)).isEqualTo(new TaskReply.Completed(null));
    }

    @Test
    void aValueJacksonCannotWriteFailsWithResultInvalid() {
        TaskReply reply = TaskReply.completed(new Object());

        assertThat(reply).isInstanceOf(TaskReply.Failed.class);
        assertThat(((TaskReply.Failed) reply).reason()).isEqualTo("RESULT_INVALID");
        assertThat(((TaskReply.Failed) reply).details()).contains("java.lang.Object");
    }

    @Test
    void anActivityExceptionKeepsItsReasonAndOthersFailWithTheStackTrace() {
        assertThat(TaskReply.thrown(new ActivityException("NOT_FOUND", "no such file"), false))
                .isEqualTo(new TaskReply.Failed("NOT_FOUND", "no such file"));
        TaskReply.Failed crash = (TaskReply.Failed) TaskReply.thrown(new IllegalArgumentException("bad"), false);
        assertThat(crash.reason()).isEqualTo(ActivityReasons.ACTIVITY_FAILED);
        assertThat(crash.details())
                .startsWith("java.lang.IllegalArgumentException: bad")
                .contains("at org.cpe.activitypoller.TaskReplyTest");
    }

    @Test
    void afterACancelRequestAnyExceptionEndsTheTaskAsCanceled() {
        assertThat(TaskReply.thrown(new InterruptedException("sleep interrupted"), true))
                .isEqualTo(new TaskReply.Canceled("sleep interrupted"));
        assertThat(TaskReply.thrown(new ActivityCanceledException("stopped early"), false))
                .isEqualTo(new TaskReply.Canceled("stopped early"));
    }

    @Test
    void reasonsDetailsAndResultsBeyondSwfsLimitsAreCutWithAMarker() {
        TaskReply.Failed failed = new TaskReply.Failed("R".repeat(300), "d".repeat(40_000));
        TaskReply.Completed completed = (TaskReply.Completed) TaskReply.completed("x".repeat(40_000));

        assertThat(failed.reason()).hasSizeBetween(250, 256).endsWith("characters]");
        assertThat(failed.details()).hasSizeLessThanOrEqualTo(32_768).contains("…[cut ");
        assertThat(completed.result()).hasSizeLessThanOrEqualTo(32_768).startsWith("\"xxx");
    }

    @Test
    void theCutSaysHowManyCharactersWereLeftOutAndNeverSplitsASurrogatePair() {
        String cut = SwfText.cut("a".repeat(100), 50);
        int kept = cut.indexOf('…');
        assertThat(cut).hasSizeLessThanOrEqualTo(50).endsWith("[cut " + (100 - kept) + " characters]");
        assertThat(SwfText.cut("short", 50)).isEqualTo("short");

        String emoji = "😀".repeat(40);
        String cutEmoji = SwfText.cut(emoji, 40);
        assertThat(Character.isHighSurrogate(cutEmoji.charAt(cutEmoji.indexOf('…') - 1)))
                .isFalse();
    }
}
