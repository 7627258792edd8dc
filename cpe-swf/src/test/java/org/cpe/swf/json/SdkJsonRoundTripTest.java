package org.cpe.swf.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.ActivityTaskTimeoutType;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;

class SdkJsonRoundTripTest {

    @Test
    void decisionHeavyCompletionReadsBackEqual() {
        RespondDecisionTaskCompletedRequest request = SwfSamples.decisions();

        RespondDecisionTaskCompletedRequest read =
                SdkJson.read(SdkJson.write(request), RespondDecisionTaskCompletedRequest.class);

        assertThat(read).isEqualTo(request);
        assertThat(read.decisions()).extracting(d -> d.decisionType()).startsWith(DecisionType.SCHEDULE_ACTIVITY_TASK);
        assertThat(read.decisions().get(2).recordMarkerDecisionAttributes().details())
                .isEqualTo("héllo \"quoted\" \n line");
    }

    @Test
    void decisionTaskWithHistoryReadsBackEqualToTheMillisecond() {
        PollForDecisionTaskResponse task = SwfSamples.decisionTask();

        PollForDecisionTaskResponse read = SdkJson.read(SdkJson.write(task), PollForDecisionTaskResponse.class);

        assertThat(read).isEqualTo(task);
        assertThat(read.events())
                .extracting(HistoryEvent::eventTimestamp)
                .containsExactlyElementsOf(
                        task.events().stream().map(HistoryEvent::eventTimestamp).toList());
        assertThat(read.events().get(4).activityTaskTimedOutEventAttributes().timeoutType())
                .isEqualTo(ActivityTaskTimeoutType.HEARTBEAT);
        assertThat(read.events()
                        .get(0)
                        .workflowExecutionStartedEventAttributes()
                        .tagList())
                .containsExactly("cpe", "batch-7");
    }

    @Test
    void bytesAndTextFormsAreTheSameJson() {
        PollForDecisionTaskResponse task = SwfSamples.decisionTask();

        byte[] bytes = SdkJson.writeBytes(task);

        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(SdkJson.write(task));
        assertThat(SdkJson.read(bytes, PollForDecisionTaskResponse.class)).isEqualTo(task);
    }

    @Test
    void enumValueUnknownToTheSdkSurvivesAsItsString() {
        HistoryEvent event = HistoryEvent.builder()
                .eventId(1L)
                .eventType("SomethingAddedIn2030")
                .build();

        HistoryEvent read = SdkJson.read(SdkJson.write(event), HistoryEvent.class);

        assertThat(read.eventType()).isEqualTo(EventType.UNKNOWN_TO_SDK_VERSION);
        assertThat(read.eventTypeAsString()).isEqualTo("SomethingAddedIn2030");
    }

    @Test
    void mapMembersReadBackEqual() {
        Labelled labelled = Labelled.builder()
                .name("job")
                .labels(Map.of("team", "media", "tier", "gold"))
                .build();

        Labelled read = SdkJson.read(SdkJson.write(labelled), Labelled.class);

        assertThat(read.name()).isEqualTo("job");
        assertThat(read.labels()).isEqualTo(Map.of("team", "media", "tier", "gold"));
    }
}
