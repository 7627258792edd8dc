package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Three servers with different roles run jobs together, as "Running on AWS" in docs/deployment.md spreads the roles:
 * one with the embedded services, the Decider and the InputPoller, and two activity workers pointed at its SWF and SQS
 * endpoints over HTTP, every server with a key of its own and the embedded SQS checking signatures (its front, as
 * beyond loopback). One worker is killed midway; the other takes over its tasks once their heartbeat timeout
 * passes, and every job completes once. Then the services server is away for 30 s: the remaining worker backs off,
 * recovers on its own when it is back, and runs the next jobs.
 */
class MultiInstanceIT {

    private static final int JOBS = Integer.getInteger("multi.jobs", 200);
    private static final String KEY_ID = "multi-test";

    /** Kept when the test fails: the servers' logs are the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void twoWorkerServersShareTheJobsAndOneCanBeKilledWithoutLosingAny() throws Exception {
        int servicesPort = Servers.freePort();
        int sqsPort = Servers.freePort();
        String secret = "multi-" + java.util.UUID.randomUUID();
        try (Servers servers = new Servers(dir)) {
            Map<String, String> services = Map.of(
                    "CPE_ROLES",
                    "embedded-sqs,embedded-swf,embedded-s3,decider,input-poller",
                    "CPE_DATA_DIR",
                    dir.resolve("services").toString(),
                    "CPE_EMBEDDED_SQS_PORT",
                    Integer.toString(sqsPort),
                    "CPE_EMBEDDED_SQS_SIGNATURES",
                    "sigv4",
                    "CPE_AWS_LOCAL_ACCESS_KEY_ID",
                    KEY_ID,
                    "CPE_AWS_LOCAL_SECRET_ACCESS_KEY",
                    secret,
                    "CPE_DECIDER_PLANS_DIR",
                    servers.plans().toString());
            servers.start("services", servicesPort, services);
            servers.awaitReady("services");
            Map<String, String> worker = Map.of(
                    "CPE_ROLES",
                    "activity-poller",
                    "CPE_SQS_ENDPOINT",
                    "http://127.0.0.1:" + sqsPort,
                    "CPE_SWF_ENDPOINT",
                    "http://127.0.0.1:" + servicesPort + "/swf",
                    "CPE_ACTIVITY_POLLER_TYPES",
                    "Test:1",
                    "CPE_ACTIVITY_POLLER_SLOTS",
                    "8",
                    "CPE_AWS_LOCAL_ACCESS_KEY_ID",
                    KEY_ID,
                    "CPE_AWS_LOCAL_SECRET_ACCESS_KEY",
                    secret,
                    // The test reads /api/workers, as the tests' operator, to kill a worker while it runs tasks.
                    "CPE_SECURITY_USERS",
                    Deployments.USERS);
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

            try (SqsClient unsigned = Sqs.client("http://127.0.0.1:" + sqsPort)) {
                assertThatThrownBy(unsigned::listQueues)
                        .as("the well-known key at a signature-checking SQS")
                        .isInstanceOf(SqsException.class)
                        .satisfies(
                                e -> assertThat(((SqsException) e).statusCode()).isEqualTo(403));
            }
            try (JobLedger jobs = new JobLedger(Sqs.client("http://127.0.0.1:" + sqsPort, KEY_ID, secret))) {
                // A second of work each: both workers are busy when one is killed.
                jobs.submit("multi", JOBS, 1000);
                // Killed while it runs tasks (what the client has heard lags behind; the worker's own API does not).
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> runningTasks(servers, "worker-a") >= 4);
                servers.kill("worker-a");
                assertThat(jobs.completed())
                        .as("jobs completed before the kill")
                        .hasSizeLessThan(JOBS);

                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> jobs.completed().size() >= JOBS);
                CrashRecoveryIT.awaitNoRepeat(jobs);

                servicesAwayFor30Seconds(servers, services, servicesPort, jobs);
                CrashRecoveryIT.awaitNoRepeat(jobs);

                assertThat(jobs.completed()).as("jobs with WORKFLOW_COMPLETED").hasSize(JOBS + 50);
                assertThat(jobs.completed())
                        .allSatisfy((jobId, ids) -> assertThat(ids).as(jobId).hasSize(1));
                assertThat(jobs.failures()).as("failure notices").isEmpty();
                assertThat(servers.alive("worker-b")).isTrue();
                assertThat(jobs.types())
                        .as("the killed worker's tasks timed out (heartbeat) and were retried")
                        .containsKey("ACTIVITY_TIMEOUT")
                        .containsKey("ACTIVITY_RETRYING");
            }
            // bin/cpe signs with the key its environment gives it; without one the embedded SQS refuses it.
            assertThat(submitWithCli(sqsPort, KEY_ID, secret)).startsWith("0 ");
            assertThat(submitWithCli(sqsPort, null, null)).startsWith("4 ").contains("403");
        }
    }

    /** {@code bin/cpe submit} of the sample job, signing with the key if given: its exit status, a space, its output. */
    private String submitWithCli(int sqsPort, String keyId, String secret) throws Exception {
        Path printed = Files.createTempFile(dir, "cli-", ".log");
        ProcessBuilder submit = new ProcessBuilder(
                        System.getProperty("cpe.cli"),
                        "submit",
                        Path.of(System.getProperty("cpe.samples"), "jobs/demo.json")
                                .toString())
                .redirectErrorStream(true)
                .redirectOutput(printed.toFile());
        submit.environment().keySet().removeIf(name -> name.startsWith("CPE_"));
        submit.environment().put("CPE_CLIENT_ENDPOINT", "http://127.0.0.1:" + sqsPort);
        if (keyId != null) {
            submit.environment().put("CPE_CLIENT_ACCESS_KEY_ID", keyId);
            submit.environment().put("CPE_CLIENT_SECRET_ACCESS_KEY", secret);
        }
        Process cli = submit.start();
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).as("bin/cpe submit ends").isTrue();
        return cli.exitValue() + " " + Files.readString(printed, StandardCharsets.UTF_8);
    }

    /**
     * The services server away for 30 s, then back on its data: the worker's loop backs off (readiness DOWN, the role
     * BACKING_OFF), comes back on its own, and the jobs sent after run as before.
     */
    private static void servicesAwayFor30Seconds(
            Servers servers, Map<String, String> services, int port, JobLedger jobs) throws Exception {
        long away = System.nanoTime();
        servers.kill("services");
        Http.Response during = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> servers.get("worker-b", "/health/ready"), r -> r.body()
                        .contains("\"activity-poller\":\"BACKING_OFF"));
        assertThat(during.status()).as(during.body()).isEqualTo(503);
        // The fault is an outage of 30 s: for the rest of it the worker stays up and says it is not ready.
        servers.staysNotReadyUntil("worker-b", away + Duration.ofSeconds(30).toNanos());
        assertThat(servers.alive("worker-b")).isTrue();
        servers.start("services-again", port, services);
        servers.awaitReady("services-again");
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> servers.get("worker-b", "/health/ready").status() == 200);
        int before = jobs.completed().size();
        jobs.submit("after-outage", 50, 100);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> jobs.completed().size() >= before + 50);
    }

    private static int runningTasks(Servers servers, String name) throws Exception {
        Http.Response workers = servers.get(name, "/api/workers");
        return workers.status() == 200
                ? new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(workers.body())
                        .path("runningTasks")
                        .asInt()
                : 0;
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(base);
        all.put(key, value);
        return all;
    }
}
