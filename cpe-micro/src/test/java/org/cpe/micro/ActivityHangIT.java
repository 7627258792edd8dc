package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Activities that hang (no heartbeat, no answer) among ordinary ones, on a worker with few slots: SWF times each hung
 * task out on its heartbeat, the worker learns it with its next probe and stops the task, so its slot is free again;
 * the hung jobs are retried once and fail with the timeout as reason, and every other job completes. Were a hung task
 * to keep its slot, the four slots would be taken by the first four hangs and the other jobs would never run.
 */
class ActivityHangIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int JOBS = 40;
    /** Every fourth job hangs, for ten minutes: far longer than the test waits. */
    private static final int HANG_EVERY = 4;

    private static final int HANG_MS = 600_000;

    /** Kept when the test fails: the server's log is the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void hungTasksAreTimedOutAndStoppedAndTheirSlotsServeTheOtherJobs() throws Exception {
        int sqsPort = Servers.freePort();
        try (Servers servers = new Servers(dir)) {
            servers.start(
                    "server",
                    Servers.freePort(),
                    Map.of(
                            "CPE_DATA_DIR", dir.resolve("data").toString(),
                            "CPE_EMBEDDED_SQS_PORT", Integer.toString(sqsPort),
                            "CPE_DECIDER_PLANS_DIR", servers.plans().toString(),
                            "CPE_ACTIVITY_POLLER_SLOTS", "4",
                            // The test reads /api/workers as the tests' operator.
                            "CPE_SECURITY_USERS", Deployments.USERS));
            servers.awaitReady("server");
            Set<String> hanging = IntStream.range(0, JOBS)
                    .filter(n -> n % HANG_EVERY == 0)
                    .mapToObj(n -> "hang-" + n)
                    .collect(Collectors.toSet());
            try (JobLedger jobs = new JobLedger("http://127.0.0.1:" + sqsPort)) {
                jobs.submit(
                        "hang",
                        JOBS,
                        n -> "{\"workflow\": {\"name\": \"hang-test\", \"version\": \"1\"}, \"n\": " + n
                                + ", \"sleepMs\": 200, \"stallMs\": " + (n % HANG_EVERY == 0 ? HANG_MS : 0) + "}");
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() ->
                                jobs.completed().size() + jobs.failures().size() >= JOBS || !servers.alive("server"));
                CrashRecoveryIT.awaitNoRepeat(jobs);

                Map<String, String> failed = jobs.failures().stream()
                        .map(ActivityHangIT::read)
                        .collect(Collectors.toMap(n -> n.path("jobId").asText(), JsonNode::toString));
                assertThat(failed.keySet())
                        .as("the failed jobs are the hung ones (messages: %s)", jobs.types())
                        .isEqualTo(hanging);
                assertThat(failed.values())
                        .as("a hung job fails with its heartbeat timeout as reason")
                        .allSatisfy(body ->
                                assertThat(body).contains("WORKFLOW_FAILED").contains("HEARTBEAT"));
                assertThat(jobs.completed().keySet())
                        .as("every other job completed")
                        .hasSize(JOBS - hanging.size())
                        .doesNotContainAnyElementsOf(hanging);
                assertThat(jobs.completed())
                        .allSatisfy((jobId, ids) -> assertThat(ids).as(jobId).hasSize(1));
                // A slow turn of the machine may time out an ordinary task too, which its retry then completes.
                assertThat(jobs.types().getOrDefault("ACTIVITY_TIMEOUT", 0))
                        .as("each hung job timed out twice, once retried and once failed (messages: %s)", jobs.types())
                        .isGreaterThanOrEqualTo(2 * hanging.size());
                // No stopped task keeps its slot: nothing runs once every job has ended.
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> assertThat(runningTasks(servers))
                                .as("tasks still running")
                                .isZero());
            }
        }
    }

    private static int runningTasks(Servers servers) throws Exception {
        Http.Response workers = servers.get("server", "/api/workers");
        assertThat(workers.status()).as(workers.body()).isEqualTo(200);
        return JSON.readTree(workers.body()).path("runningTasks").asInt(-1);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }
}
