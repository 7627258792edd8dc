package org.cpe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobTest {

    @Test
    void readsAJobFileAsTheOriginalSdkTookIt() {
        Job job = Job.fromJson("{\"workflow\": {\"name\": \"Transcode\", \"version\": \"1.0\", \"taskList\": \"tl\","
                + " \"domain\": \"SADomain\"}, \"input_asset\": {\"type\": \"VIDEO\"}}");

        assertThat(job.workflowName()).isEqualTo("Transcode");
        assertThat(job.workflowVersion()).isEqualTo("1.0");
        assertThat(job.jobId()).isNull();
        assertThat(job.data().path("input_asset").path("type").asText()).isEqualTo("VIDEO");
    }

    @Test
    void readsAWholeStartJobCommandKeepingItsJobId() {
        Job job = Job.fromJson("{\"time\": 1437447258.98, \"type\": \"START_JOB\", \"jobId\": \"job-7\","
                + " \"data\": {\"workflow\": {\"name\": \"cpe-demo\", \"version\": \"1\"}}}");

        assertThat(job.jobId()).isEqualTo("job-7");
        assertThat(job.workflowName()).isEqualTo("cpe-demo");
    }

    @Test
    void buildsAJobWithoutChangingTheOriginal() {
        Job base = Job.of("cpe-demo", "1");
        Job job = base.with("seconds", 2).withJobId("j").withTimeoutSeconds(60);

        assertThat(base.data().has("seconds")).isFalse();
        assertThat(job.data().path("seconds").asInt()).isEqualTo(2);
        assertThat(job.data()
                        .path("workflow")
                        .path("executionStartToCloseTimeout")
                        .asText())
                .isEqualTo("60");
        assertThat(job.jobId()).isEqualTo("j");
    }

    @Test
    void refusesAJobFileThatNamesNoWorkflow() {
        assertThatThrownBy(() -> Job.fromJson("{\"text\": \"x\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"workflow\"");
        assertThatThrownBy(() -> Job.fromJson("{\"type\": \"CANCEL_JOB\", \"data\": {}}"))
                .hasMessageContaining("CANCEL_JOB");
        assertThatThrownBy(() -> Job.fromJson("[1")).hasMessageStartingWith("not JSON");
    }
}
