package org.cpe.swf.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.RegisterDomainRequest;
import software.amazon.awssdk.services.swf.model.StartWorkflowExecutionRequest;

class SdkJsonWireFormTest {

    @Test
    void requestIsWrittenWithWireNamesInModelOrderAndNothingElse() {
        PollForDecisionTaskRequest poll = PollForDecisionTaskRequest.builder()
                .domain("cpe")
                .taskList(t -> t.name("deciders"))
                .identity("host-1")
                .maximumPageSize(100)
                .reverseOrder(false)
                .build();

        assertThat(SdkJson.write(poll))
                .isEqualTo("{\"domain\":\"cpe\",\"taskList\":{\"name\":\"deciders\"},\"identity\":\"host-1\","
                        + "\"maximumPageSize\":100,\"reverseOrder\":false}");
    }

    @Test
    void timestampIsEpochSecondsWithMillisecondFractionAndEnumsAreTheirWireStrings() {
        HistoryEvent event = HistoryEvent.builder()
                .eventTimestamp(Instant.ofEpochMilli(1_700_000_000_123L))
                .eventType(EventType.TIMER_FIRED)
                .eventId(7L)
                .timerFiredEventAttributes(a -> a.timerId("t").startedEventId(5L))
                .build();

        assertThat(SdkJson.write(event))
                .isEqualTo("{\"eventTimestamp\":1700000000.123,\"eventType\":\"TimerFired\",\"eventId\":7,"
                        + "\"timerFiredEventAttributes\":{\"timerId\":\"t\",\"startedEventId\":5}}");
    }

    @Test
    void timestampOnAWholeSecondKeepsItsFractionAsTheSdkWritesIt() {
        HistoryEvent event = HistoryEvent.builder()
                .eventTimestamp(Instant.ofEpochSecond(1_700_000_000L))
                .build();

        assertThat(SdkJson.write(event)).isEqualTo("{\"eventTimestamp\":1700000000.000}");
    }

    @Test
    void timestampInScientificNotationAsSwfSendsItIsReadToTheMillisecond() {
        HistoryEvent event = SdkJson.read("{\"eventTimestamp\":1.700000000123E9}", HistoryEvent.class);

        assertThat(event.eventTimestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
    }

    @Test
    void timestampInWholeSecondsIsRead() {
        HistoryEvent event = SdkJson.read("{\"eventTimestamp\":1700000000}", HistoryEvent.class);

        assertThat(event.eventTimestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    }

    @Test
    void unsetMembersAndUnsetListsAreOmitted() {
        PollForDecisionTaskResponse noTask =
                PollForDecisionTaskResponse.builder().taskToken("").build();

        assertThat(noTask.events()).isEmpty();
        assertThat(SdkJson.write(noTask)).isEqualTo("{\"taskToken\":\"\"}");
        assertThat(SdkJson.write(HistoryEvent.builder().build())).isEqualTo("{}");
    }

    @Test
    void emptyListSetOnPurposeIsKept() {
        StartWorkflowExecutionRequest start = StartWorkflowExecutionRequest.builder()
                .workflowId("w")
                .tagList(List.of())
                .childPolicy(ChildPolicy.REQUEST_CANCEL)
                .build();

        assertThat(SdkJson.write(start))
                .isEqualTo("{\"workflowId\":\"w\",\"tagList\":[],\"childPolicy\":\"REQUEST_CANCEL\"}");
    }

    @Test
    void durationsStayStrings() {
        RegisterDomainRequest register = RegisterDomainRequest.builder()
                .name("cpe")
                .workflowExecutionRetentionPeriodInDays("30")
                .build();

        assertThat(SdkJson.write(register))
                .isEqualTo("{\"name\":\"cpe\",\"workflowExecutionRetentionPeriodInDays\":\"30\"}");
    }

    @Test
    void mapIsAnObjectAndUnsetMapIsOmitted() {
        assertThat(SdkJson.write(
                        Labelled.builder().name("n").labels(Map.of("k", "v")).build()))
                .isEqualTo("{\"name\":\"n\",\"labels\":{\"k\":\"v\"}}");
        assertThat(SdkJson.write(Labelled.builder().name("n").build())).isEqualTo("{\"name\":\"n\"}");
    }

    @Test
    void unknownMembersAreIgnoredAtEveryLevel() {
        String json = "{\"domain\":\"cpe\",\"addedLater\":{\"deep\":[1,{\"x\":null},\"s\"]},"
                + "\"taskList\":{\"name\":\"deciders\",\"kind\":\"NORMAL\"},\"flag\":true}";

        PollForDecisionTaskRequest poll = SdkJson.read(json, PollForDecisionTaskRequest.class);

        assertThat(poll)
                .isEqualTo(PollForDecisionTaskRequest.builder()
                        .domain("cpe")
                        .taskList(t -> t.name("deciders"))
                        .build());
    }

    @Test
    void nullMembersAreAbsent() {
        PollForDecisionTaskRequest poll = SdkJson.read(
                "{\"domain\":null,\"taskList\":null,\"maximumPageSize\":null,\"identity\":\"me\"}",
                PollForDecisionTaskRequest.class);

        assertThat(poll.domain()).isNull();
        assertThat(poll.taskList()).isNull();
        assertThat(poll.maximumPageSize()).isNull();
        assertThat(poll.identity()).isEqualTo("me");
    }
}
