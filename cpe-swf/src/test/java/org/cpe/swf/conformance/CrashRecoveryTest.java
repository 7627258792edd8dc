package org.cpe.swf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.swf.model.EventType.*;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.cpe.swf.engine.EngineOptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.*;

/**
 * kill -9 of the process that runs the service: every call it answered before it died is still there when the
 * service starts again on the same database, task tokens included.
 */
class CrashRecoveryTest {

    @Test
    void everyAnsweredCallSurvivesKillDashNine() throws Exception {
        String jdbcUrl = SwfService.newDatabase();
        Path portFile = Files.createTempDirectory(Path.of("target"), "crash").resolve("port");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ServiceProcess.class.getName(),
                        jdbcUrl,
                        portFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(portFile.resolveSibling("service.log").toFile())
                .start();
        Map<String, List<EventType>> histories = new HashMap<>();
        List<String> activityTokens = new ArrayList<>();
        Workflows wf;
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(portFile));
            int port = Integer.parseInt(Files.readString(portFile).trim());
            try (SwfClient remote = client(URI.create("http://127.0.0.1:" + port + "/swf"))) {
                wf = new Workflows(remote);
                for (int i = 0; i < 12; i++) {
                    wf.start("crash-" + i);
                }
                for (int i = 0; i < 8; i++) {
                    PollForDecisionTaskResponse task = wf.decisionTask();
                    wf.decide(task.taskToken(), Workflows.scheduleActivity(wf.activityType, "a", "in"));
                }
                for (int i = 0; i < 4; i++) {
                    PollForActivityTaskResponse task = wf.activityTask();
                    remote.recordActivityTaskHeartbeat(
                            r -> r.taskToken(task.taskToken()).details("half way"));
                    activityTokens.add(task.taskToken());
                }
                for (int i = 0; i < 12; i++) {
                    String workflowId = "crash-" + i;
                    String runId = remote.listOpenWorkflowExecutions(r -> r.domain(wf.domain)
                                    .startTimeFilter(f -> f.oldestDate(java.time.Instant.EPOCH))
                                    .executionFilter(f -> f.workflowId(workflowId)))
                            .executionInfos()
                            .get(0)
                            .execution()
                            .runId();
                    histories.put(workflowId + "/" + runId, wf.eventTypes(workflowId, runId));
                }
            }
        } finally {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            process.waitFor(30, TimeUnit.SECONDS);
        }

        try (SwfService restarted =
                SwfService.open(jdbcUrl, EngineOptions.defaults().withPollTimeout(SwfService.POLL_TIMEOUT))) {
            Workflows after = wf.on(restarted.client());
            histories.forEach((key, events) -> {
                String[] id = key.split("/");
                assertThat(after.eventTypes(id[0], id[1]))
                        .as("history of %s", id[0])
                        .isEqualTo(events);
            });
            assertThat(histories.values())
                    .filteredOn(events -> events.contains(ACTIVITY_TASK_STARTED))
                    .hasSize(4);
            for (String token : activityTokens) {
                restarted.client().respondActivityTaskCompleted(r -> r.taskToken(token)
                        .result("finished after the crash"));
            }
            long completed = histories.keySet().stream()
                    .map(key -> after.eventTypes(key.split("/")[0], key.split("/")[1]))
                    .filter(events -> events.contains(ACTIVITY_TASK_COMPLETED))
                    .count();
            assertThat(completed)
                    .as("executions whose pre-crash activity task completed after the restart")
                    .isEqualTo(4);
        }
    }

    private static SwfClient client(URI endpoint) {
        return SwfClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .build();
    }
}
