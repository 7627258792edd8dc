package org.cpe.swf.json;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.RespondDecisionTaskCompletedRequest;

class SdkJsonFormatErrorTest {

    @Test
    void truncatedJsonIsRefusedWithWhereItBroke() {
        assertThatThrownBy(() -> SdkJson.read("{\"domain\":\"cpe\",", PollForDecisionTaskRequest.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageStartingWith("PollForDecisionTaskRequest is not valid JSON at member 'domain': ")
                .hasMessageContaining("end-of-input")
                .hasMessageContaining("line 1");
    }

    @Test
    void notJsonAtAllIsRefused() {
        assertThatThrownBy(() -> SdkJson.read("domain=cpe", PollForDecisionTaskRequest.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageStartingWith("PollForDecisionTaskRequest is not valid JSON: ");
    }

    @Test
    void garbageInsideAMemberNamesTheMember() {
        assertThatThrownBy(() -> SdkJson.read("{\"taskList\":{\"name\": nope}}", PollForDecisionTaskRequest.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageStartingWith("PollForDecisionTaskRequest is not valid JSON at member 'taskList.name': ")
                .hasMessageContaining("'nope'");
    }

    @Test
    void stringWhereAnObjectBelongsNamesTheMember() {
        assertThatThrownBy(() -> SdkJson.read("{\"taskList\":\"deciders\"}", PollForDecisionTaskRequest.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessage("PollForDecisionTaskRequest member 'taskList' should be an object but is a string");
    }

    @Test
    void wrongTypeDeepInAListNamesThePathWithTheIndex() {
        String json = "{\"decisions\":[{\"decisionType\":\"StartTimer\"},"
                + "{\"scheduleActivityTaskDecisionAttributes\":{\"activityType\":\"transcode\"}}]}";

        assertThatThrownBy(() -> SdkJson.read(json, RespondDecisionTaskCompletedRequest.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessage("RespondDecisionTaskCompletedRequest member "
                        + "'decisions[1].scheduleActivityTaskDecisionAttributes.activityType' "
                        + "should be an object but is a string");
    }

    @Test
    void numberAsStringIsRefused() {
        assertThatThrownBy(() -> SdkJson.read("{\"maximumPageSize\":\"100\"}", PollForDecisionTaskRequest.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("'maximumPageSize' should be an integer but is a string");
    }

    @Test
    void numberWhereAStringBelongsIsRefused() {
        assertThatThrownBy(() -> SdkJson.read("{\"domain\":42}", PollForDecisionTaskRequest.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("'domain' should be a string but is a number");
    }

    @Test
    void integerOutOfRangeIsRefused() {
        assertThatThrownBy(() -> SdkJson.read("{\"maximumPageSize\":99999999999}", PollForDecisionTaskRequest.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("'maximumPageSize' cannot be read: ");
    }

    @Test
    void fractionWhereAnIntegerBelongsIsRefused() {
        assertThatThrownBy(() -> SdkJson.read("{\"eventId\":1.5}", HistoryEvent.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("'eventId' should be an integer but is a number");
    }

    @Test
    void booleanAsStringIsRefused() {
        assertThatThrownBy(() -> SdkJson.read("{\"reverseOrder\":\"true\"}", PollForDecisionTaskRequest.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("'reverseOrder' should be a boolean but is a string");
    }

    @Test
    void timestampAsTextOrAbsurdNumberIsRefused() {
        assertThatThrownBy(() -> SdkJson.read("{\"eventTimestamp\":\"2023-11-14T22:13:20Z\"}", HistoryEvent.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("'eventTimestamp' should be a number but is a string");
        assertThatThrownBy(() -> SdkJson.read("{\"eventTimestamp\":1e300}", HistoryEvent.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("'eventTimestamp' is not a timestamp in epoch seconds");
    }

    @Test
    void objectWhereAListBelongsIsRefused() {
        assertThatThrownBy(() -> SdkJson.read("{\"decisions\":{}}", RespondDecisionTaskCompletedRequest.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("'decisions' should be an array but is an object");
    }

    @Test
    void topLevelThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> SdkJson.read("[]", PollForDecisionTaskRequest.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessage("PollForDecisionTaskRequest should be a JSON object but is an array");
        assertThatThrownBy(() -> SdkJson.read("", PollForDecisionTaskRequest.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessage("PollForDecisionTaskRequest should be a JSON object but the input is empty");
    }

    @Test
    void contentAfterTheObjectIsRefused() {
        assertThatThrownBy(() -> SdkJson.read("{} {}", PollForDecisionTaskRequest.class))
                .isInstanceOf(JsonFormatException.class)
                .hasMessage("PollForDecisionTaskRequest is followed by more JSON: an object");
    }
}
