package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack killed with SIGKILL in the middle of 500 jobs and started again on the same data folder, as {@code
 * bin/cpe-server} runs it: every job completes, and its client gets exactly one WORKFLOW_COMPLETED message for it.
 */
class CrashRecoveryIT {

    private static final int JOBS = Integer.getInteger("crash.jobs", 500);

    /** Kept when the test fails: the servers' logs and data are the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void everyJobCompletesOnceAfterTheStackIsKilledMidwayAndRestarted() throws Exception {
        int port = Servers.freePort();
        int sqsPort = Servers.freePort();
        try (Servers servers = new Servers(dir)) {
            Map<String, String> environment = Map.of(
                    "CPE_DATA_DIR", dir.resolve("data").toString(),
                    "CPE_EMBEDDED_SQS_PORT", Integer.toString(sqsPort),
                    "CPE_DECIDER_PLANS_DIR", servers.plans().toString(),
                    "CPE_ACTIVITY_POLLER_SLOTS", "16");
            servers.start("first", port, environment);
            servers.awaitReady("first");
            try (JobLedger jobs = new JobLedger("http://127.0.0.1:" + sqsPort)) {
                jobs.submit("crash", JOBS, 100);
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> jobs.completed().size() >= JOBS / 3 || !servers.alive("first"));
                servers.kill("first");
                assertThat(jobs.completed())
                        .as("jobs completed before the kill")
                        .hasSizeLessThan(JOBS);

                servers.start("second", port, environment);
                servers.awaitReady("second");
                await().atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> jobs.completed().size() >= JOBS || !servers.alive("second"));
                awaitNoRepeat(jobs);

                assertThat(jobs.completed()).as("jobs with WORKFLOW_COMPLETED").hasSize(JOBS);
                assertThat(jobs.completed())
                        .allSatisfy((jobId, ids) -> assertThat(ids).as(jobId).hasSize(1));
                assertThat(jobs.failures()).as("failure notices").isEmpty();
            }
        }
    }

    /** A repeated notice, if CPE sent one, arrives within seconds of the first: the assertions then name it. */
    static void awaitNoRepeat(JobLedger jobs) {
        try {
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(jobs::eachCompletedOnce);
        } catch (ConditionTimeoutException repeated) {
            // reported by the caller's assertions
        }
    }
}
