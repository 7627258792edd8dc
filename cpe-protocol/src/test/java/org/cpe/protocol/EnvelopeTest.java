package org.cpe.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2015-07-21T02:54:18.980123456Z");

    @Test
    void aJobsMessageIsTheOriginalEnvelopeWithTheWorkflowFirstInItsData() {
        Notice notice = new Notice(
                MessageType.ACTIVITY_SCHEDULED, JSON.createObjectNode().put("step", "left"), false);

        String message = Envelope.jobMessage(notice, "job-1", "demo.job-1", "run-1", AT);

        assertThat(message)
                .isEqualTo("{\"time\":1437447258.980,\"type\":\"ACTIVITY_SCHEDULED\",\"jobId\":\"job-1\",\"data\":"
                        + "{\"workflow\":{\"workflowId\":\"demo.job-1\",\"runId\":\"run-1\"},\"step\":\"left\"}}");
    }

    @Test
    void aMessageAboutNoJobSaysSoWithANullJobId() {
        assertThat(Envelope.message(MessageType.COMMAND_REJECTED, null, AT).toString())
                .isEqualTo("{\"time\":1437447258.980,\"type\":\"COMMAND_REJECTED\",\"jobId\":null}");
    }

    @Test
    void aCommandCarriesMicrosecondsAsTheOriginalSdkWroteThem() throws Exception {
        JsonNode command = JSON.readTree(Envelope.command(CommandType.GET_JOB_STATUS, "job-1", null, AT));

        assertThat(command.get("time").decimalValue()).isEqualByComparingTo("1437447258.980123");
        assertThat(Envelope.type(command)).isEqualTo("GET_JOB_STATUS");
        assertThat(Envelope.jobId(command)).isEqualTo("job-1");
        assertThat(command.get("data").isObject()).isTrue();
    }

    @Test
    void theJobIdIsReadAsThe2014ClientsWroteItTooAndBlankOrStructuredFieldsAreNone() throws Exception {
        assertThat(Envelope.jobId(JSON.readTree("{\"job_id\": \"old\"}"))).isEqualTo("old");
        assertThat(Envelope.jobId(JSON.readTree("{\"jobId\": \"new\", \"job_id\": \"old\"}")))
                .isEqualTo("new");
        assertThat(Envelope.jobId(JSON.readTree("{\"jobId\": \" \"}"))).isNull();
        assertThat(Envelope.type(JSON.readTree("{\"type\": {\"a\": 1}}"))).isNull();
        assertThat(Envelope.type(null)).isNull();
    }

    @Test
    void everyCommandTypeIsKnownByItsNameAndOnlyTheListingConcernsNoJob() {
        assertThat(CommandType.of("START_JOB")).contains(CommandType.START_JOB);
        assertThat(CommandType.of("start_job")).isEmpty();
        assertThat(CommandType.names()).isSorted().hasSize(CommandType.values().length);
        assertThat(CommandType.values()).filteredOn(t -> !t.concernsAJob()).containsExactly(CommandType.GET_JOB_LIST);
        assertThat(MessageType.of("NOT_A_TYPE")).isEqualTo(MessageType.UNKNOWN);
    }
}
