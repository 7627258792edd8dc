package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The stack killed with SIGKILL in the middle of 500 jobs and started again on the same data folder, as {@code
 * bin/cpe-server} runs it: every job completes, and its client gets exactly one WORKFLOW_COMPLETED message for it.
 */
class CrashRecoveryIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("cpe.launcher"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int JOBS = Integer.getInteger("crash.jobs", 500);

    /** Kept when the test fails: the servers' logs and data are the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
    }

    @Test
    void everyJobCompletesOnceAfterTheStackIsKilledMidwayAndRestarted() throws Exception {
        int port = freePort();
        int sqsPort = freePort();
        Path plans = Files.createDirectories(dir.resolve("plans"));
        try (InputStream plan = getClass().getResourceAsStream("/crash/crash-test.yml")) {
            Files.copy(plan, plans.resolve("crash-test.yml"));
        }
        Map<String, String> environment = Map.of(
                "CPE_DATA_DIR", dir.resolve("data").toString(),
                "CPE_EMBEDDED_SQS_PORT", Integer.toString(sqsPort),
                "CPE_DECIDER_PLANS_DIR", plans.toString(),
                "CPE_ACTIVITY_POLLER_SLOTS", "16");
        Process first = start(port, environment, "first");
        awaitReady(port, first, "first");

        // By jobId, the SQS message ids of its WORKFLOW_COMPLETED: a message SQS delivers again because the test's
        // delete died with the server is one notice; a second notice CPE sent would have an id of its own.
        Map<String, java.util.Set<String>> completed = new ConcurrentHashMap<>();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean reading = new AtomicBoolean(true);
        try (SqsClient sqs = Sqs.client("http://127.0.0.1:" + sqsPort)) {
            String input = sqs.getQueueUrl(r -> r.queueName("demo-input")).queueUrl();
            String output = sqs.getQueueUrl(r -> r.queueName("demo-output")).queueUrl();
            for (int batch = 0; batch < JOBS; batch += 10) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int n = batch; n < Math.min(JOBS, batch + 10); n++) {
                    entries.add(SendMessageBatchRequestEntry.builder()
                            .id("m" + n)
                            .messageBody("{\"type\": \"START_JOB\", \"jobId\": \"crash-" + n + "\", \"data\":"
                                    + " {\"workflow\": {\"name\": \"crash-test\", \"version\": \"1\"}, \"n\": " + n
                                    + "}}")
                            .build());
                }
                sqs.sendMessageBatch(r -> r.queueUrl(input).entries(entries));
            }
            Thread reader = new Thread(() -> read(sqs, output, completed, unexpected, reading), "crash-reader");
            reader.start();
            try {
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> completed.size() >= JOBS / 3 || !first.isAlive());
                int before = completed.size();
                first.destroyForcibly();
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(before).as("jobs completed before the kill").isLessThan(JOBS);

                Process second = start(port, environment, "second");
                awaitReady(port, second, "second");
                await().atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> completed.size() >= JOBS || !second.isAlive());
                // A duplicate notice, if any, would arrive within seconds of the last first one; the assertions below
                // name it.
                try {
                    await().during(Duration.ofSeconds(5))
                            .atMost(Duration.ofSeconds(10))
                            .until(() -> completed.values().stream().allMatch(ids -> ids.size() == 1));
                } catch (org.awaitility.core.ConditionTimeoutException duplicate) {
                    // reported by the assertions
                }
            } finally {
                reading.set(false);
                reader.join(30_000);
            }
        }
        assertThat(completed).as("jobs with WORKFLOW_COMPLETED").hasSize(JOBS);
        assertThat(completed)
                .allSatisfy((jobId, ids) -> assertThat(ids).as(jobId).hasSize(1));
        assertThat(unexpected).as("failure notices").isEmpty();
    }

    private static void read(
            SqsClient sqs,
            String output,
            Map<String, java.util.Set<String>> completed,
            List<String> unexpected,
            AtomicBoolean on) {
        while (on.get()) {
            try {
                List<Message> messages = sqs.receiveMessage(
                                r -> r.queueUrl(output).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages();
                for (Message m : messages) {
                    JsonNode notice = JSON.readTree(m.body());
                    String type = notice.path("type").asText();
                    if (type.equals("WORKFLOW_COMPLETED")) {
                        completed
                                .computeIfAbsent(notice.path("jobId").asText(), id -> ConcurrentHashMap.newKeySet())
                                .add(m.messageId());
                    } else if (type.equals("WORKFLOW_FAILED") || type.equals("JOB_START_FAILED")) {
                        unexpected.add(m.body());
                    }
                    sqs.deleteMessage(r -> r.queueUrl(output).receiptHandle(m.receiptHandle()));
                }
            } catch (Exception e) {
                // The server is down between the kill and the restart: try again.
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private Process start(int port, Map<String, String> environment, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "--port", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("CPE_JAVA_OPTS", "-Xmx512m");
        builder.environment().putAll(environment);
        Process process = builder.start();
        servers.add(process);
        return process;
    }

    private void awaitReady(int port, Process server, String name) {
        URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
        Http.Response response = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Http.get(ready), r -> r.status() == 200 || !server.isAlive());
        assertThat(response.status())
                .as("readiness of the %s server: %s%n%s", name, response.body(), tail(name))
                .isEqualTo(200);
    }

    private String tail(String name) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
