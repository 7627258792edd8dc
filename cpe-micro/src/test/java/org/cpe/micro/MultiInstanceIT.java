package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three servers with different roles run jobs together, as the README's "spread the roles" section sets them up: one
 * with the embedded services, the Decider and the InputPoller, and two activity workers pointed at its SWF and SQS
 * endpoints over HTTP. One worker is killed midway; the other takes over its tasks once their heartbeat timeout
 * passes, and every job completes once.
 */
class MultiInstanceIT {

    private static final int JOBS = Integer.getInteger("multi.jobs", 200);

    /** Kept when the test fails: the servers' logs are the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void twoWorkerServersShareTheJobsAndOneCanBeKilledWithoutLosingAny() throws Exception {
        int servicesPort = Servers.freePort();
        int sqsPort = Servers.freePort();
        try (Servers servers = new Servers(dir)) {
            servers.start(
                    "services",
                    servicesPort,
                    Map.of(
                            "CPE_ROLES", "embedded-sqs,embedded-swf,embedded-s3,decider,input-poller",
                            "CPE_DATA_DIR", dir.resolve("services").toString(),
                            "CPE_EMBEDDED_SQS_PORT", Integer.toString(sqsPort),
                            "CPE_DECIDER_PLANS_DIR", servers.plans().toString()));
            servers.awaitReady("services");
            Map<String, String> worker = Map.of(
                    "CPE_ROLES", "activity-poller",
                    "CPE_SQS_ENDPOINT", "http://127.0.0.1:" + sqsPort,
                    "CPE_SWF_ENDPOINT", "http://127.0.0.1:" + servicesPort + "/swf",
                    "CPE_ACTIVITY_POLLER_TYPES", "Test:1",
                    "CPE_ACTIVITY_POLLER_SLOTS", "8");
            servers.start(
                    "worker-a",
                    Servers.freePort(),
                    with(worker, "CPE_DATA_DIR", dir.resolve("a").toString()));
            servers.start(
                    "worker-b",
                    Servers.freePort(),
                    with(worker, "CPE_DATA_DIR", dir.resolve("b").toString()));
            servers.awaitReady("worker-a");
            servers.awaitReady("worker-b");

            try (JobLedger jobs = new JobLedger("http://127.0.0.1:" + sqsPort)) {
                // A second of work each: both workers are busy when one is killed.
                jobs.submit("multi", JOBS, 1000);
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> jobs.completed().size() >= JOBS / 4);
                servers.kill("worker-a");
                assertThat(jobs.completed())
                        .as("jobs completed before the kill")
                        .hasSizeLessThan(JOBS);

                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> jobs.completed().size() >= JOBS);
                CrashRecoveryIT.awaitNoRepeat(jobs);

                assertThat(jobs.completed()).as("jobs with WORKFLOW_COMPLETED").hasSize(JOBS);
                assertThat(jobs.completed())
                        .allSatisfy((jobId, ids) -> assertThat(ids).as(jobId).hasSize(1));
                assertThat(jobs.failures()).as("failure notices").isEmpty();
                assertThat(servers.alive("worker-b")).isTrue();
                assertThat(jobs.types())
                        .as("the killed worker's tasks timed out (heartbeat) and were retried")
                        .containsKey("ACTIVITY_TIMEOUT")
                        .containsKey("ACTIVITY_RETRYING");
            }
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(base);
        all.put(key, value);
        return all;
    }
}
