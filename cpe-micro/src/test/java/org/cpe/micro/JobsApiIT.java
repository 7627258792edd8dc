package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operators' jobs API ({@code /api/jobs}) on the whole stack: start, read, search, cancel, retry, signal, terminate. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JobsApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.allInOne(
                "jobs-api", Map.of("cpe.embedded-swf.poll-timeout-seconds", "2", "cpe.clients", "demo,acme"));
    }

    @Test
    void startsAJobForAClientAndShowsItInFull() throws Exception {
        String jobId = "api-" + System.nanoTime();

        Http.Response started = start("demo", jobId, 0);
        Http.Response again = start("demo", jobId, 0);

        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(json(started).path("type").asText()).isEqualTo("WORKFLOW_SCHEDULED");
        assertThat(again.status()).isEqualTo(200);
        assertThat(json(again).path("alreadyStarted").asBoolean()).isTrue();
        JsonNode detail = awaitStatus("demo", jobId, "COMPLETED");
        assertThat(detail.path("client").asText()).isEqualTo("demo");
        assertThat(detail.at("/job/steps"))
                .extracting(s -> s.path("status").asText())
                .containsOnly("SUCCEEDED");
        assertThat(detail.at("/graph/stages").toString())
                .isEqualTo("[[\"prepare\"],[\"left\",\"right\"],[\"checksum\"]]");
        assertThat(detail.path("history").get(0).path("eventType").asText()).isEqualTo("WorkflowExecutionStarted");
        assertThat(detail.at("/job/result/checksum/algorithm").asText()).isEqualTo("SHA-256");
        JsonNode withoutHistory = json(get("api/jobs/demo/" + jobId + "?history=false"));
        assertThat(withoutHistory.has("history")).isFalse();
    }

    @Test
    void searchesEveryClientsJobsOrOneClientsOrOneJob() throws Exception {
        String demoJob = "search-demo-" + System.nanoTime();
        String acmeJob = "search-acme-" + System.nanoTime();
        assertThat(start("demo", demoJob, 0).status()).isEqualTo(201);
        assertThat(start("acme", acmeJob, 0).status()).isEqualTo(201);

        // Open jobs come first and closed ones on the following pages: the demo job may have ended already.
        List<String> all = allPages("api/jobs?pageSize=100");
        JsonNode acme = json(get("api/jobs?client=acme&pageSize=100"));
        JsonNode one = json(get("api/jobs?jobId=" + demoJob));
        Http.Response bad = get("api/jobs?status=BOGUS");

        assertThat(all).contains(demoJob, acmeJob);
        assertThat(jobIds(acme)).contains(acmeJob).doesNotContain(demoJob);
        assertThat(acme.path("jobs")).extracting(j -> j.path("client").asText()).containsOnly("acme");
        assertThat(jobIds(one)).containsExactly(demoJob);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"error\":\"INVALID_FILTER\"");
    }

    @Test
    void cancelsRetriesSignalsAndTerminatesAJob() throws Exception {
        String jobId = "ops-" + System.nanoTime();
        assertThat(start("demo", jobId, 60).status()).isEqualTo(201);

        Http.Response cancel = post("api/jobs/demo/" + jobId + "/cancel", "");
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
        awaitStatus("demo", jobId, "CANCELED");
        Http.Response cancelAgain = post("api/jobs/demo/" + jobId + "/cancel", "");
        assertThat(cancelAgain.status()).isEqualTo(409);
        assertThat(cancelAgain.body()).contains("\"error\":\"NO_OPEN_JOB\"");

        Http.Response retry = post("api/jobs/demo/" + jobId + "/retry", "");
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        String retried = json(retry).path("runId").asText();
        JsonNode open = awaitStatus("demo", jobId, "OPEN");
        assertThat(open.path("runId").asText()).isEqualTo(retried);

        Http.Response signal =
                post("api/jobs/demo/" + jobId + "/signal", "{\"name\": \"ops-note\", \"input\": {\"a\": 1}}");
        assertThat(signal.status()).as(signal.body()).isEqualTo(202);
        Http.Response terminate = post(
                "api/jobs/demo/" + jobId + "/terminate", "{\"reason\": \"OPS_STOP\", \"details\": \"by the test\"}");
        assertThat(terminate.status()).as(terminate.body()).isEqualTo(200);
        JsonNode terminated = awaitStatus("demo", jobId, "TERMINATED");
        assertThat(terminated.at("/job/failure/reason").asText()).isEqualTo("OPS_STOP");
        assertThat(terminated.path("history").toString()).contains("\"signalName\":\"ops-note\"");
    }

    @Test
    void refusesWhatItCannotDoWithAReason() throws Exception {
        String done = "done-" + System.nanoTime();
        start("demo", done, 0);
        awaitStatus("demo", done, "COMPLETED");

        Http.Response retryCompleted = post("api/jobs/demo/" + done + "/retry", "");
        Http.Response unknownJob = get("api/jobs/demo/no-such-job");
        Http.Response unknownClient =
                post("api/jobs/nobody?jobId=x", "{\"workflow\": {\"name\": \"cpe-demo\", \"version\": \"1\"}}");
        Http.Response unknownPlan =
                post("api/jobs/demo", "{\"workflow\": {\"name\": \"no-plan\", \"version\": \"1\"}}");
        Http.Response notJson = post("api/jobs/demo", "{not json");
        Http.Response noName = post("api/jobs/demo/" + done + "/signal", "{}");

        assertThat(retryCompleted.status()).isEqualTo(409);
        assertThat(retryCompleted.body()).contains("\"error\":\"JOB_COMPLETED\"");
        assertThat(unknownJob.status()).isEqualTo(404);
        assertThat(unknownJob.body()).contains("\"error\":\"NO_SUCH_JOB\"");
        assertThat(unknownClient.status()).isEqualTo(404);
        assertThat(unknownClient.body()).contains("\"error\":\"UNKNOWN_CLIENT\"");
        assertThat(unknownPlan.status()).isEqualTo(400);
        assertThat(unknownPlan.body()).contains("\"error\":\"UNKNOWN_WORKFLOW_TYPE\"");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"error\":\"INVALID_JSON\"");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.body()).contains("\"error\":\"MISSING_FIELD\"");
    }

    @Test
    void pausesAndResumesARolesPolling() throws Exception {
        String jobId = "paused-" + System.nanoTime();
        Http.Response paused = post("api/roles/activity-poller/pause", "");
        try {
            assertThat(paused.status()).as(paused.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> roleState("activity-poller").equals("PAUSED"));
            Http.Response ready = Http.get(base.toURI().resolve("/health/ready"));
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body()).contains(Http.roleState("activity-poller", "PAUSED"));

            assertThat(start("demo", jobId, 0).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> stepStatus(jobId, "prepare").equals("SCHEDULED"));
            // Nothing polls the task while the role is paused.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> stepStatus(jobId, "prepare")
                    .equals("SCHEDULED"));
        } finally {
            assertThat(post("api/roles/activity-poller/resume", "").status()).isEqualTo(200);
        }
        awaitStatus("demo", jobId, "COMPLETED");
        assertThat(roleState("activity-poller")).isEqualTo("RUNNING");

        Http.Response notPausable = post("api/roles/embedded-sqs/pause", "");
        Http.Response unknown = post("api/roles/bogus/pause", "");
        assertThat(notPausable.status()).isEqualTo(409);
        assertThat(notPausable.body()).contains("\"error\":\"NOT_PAUSABLE\"");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"error\":\"NO_SUCH_ROLE\"");
    }

    @Test
    void workersShowTheTaskListsWithTheirSlotsAndRunningTasks() throws Exception {
        String jobId = "busy-" + System.nanoTime();
        assertThat(start("demo", jobId, 8).status()).isEqualTo(201);

        // One view of the server while the job's first step runs: its task list and the running tasks agree.
        JsonNode workers = await().atMost(Duration.ofSeconds(30)).until(() -> json(get("api/workers")), w -> {
            JsonNode list = taskList(w, "Test-1");
            return list != null && list.path("running").asInt() >= 1;
        });
        JsonNode testList = taskList(workers, "Test-1");

        assertThat(workers.path("roles").toString()).contains("activity-poller", "decider", "input-poller");
        assertThat(testList.path("types").toString()).isEqualTo("[\"Test:1\"]");
        assertThat(testList.path("inUse").asInt() + testList.path("free").asInt())
                .isEqualTo(testList.path("slots").asInt());
        assertThat(testList.path("inUse").asInt())
                .isGreaterThanOrEqualTo(testList.path("running").asInt());
        assertThat(testList.path("lastSuccessfulPoll").asText()).isNotEmpty();
        assertThat(workers.path("runningTasks").asInt())
                .isGreaterThanOrEqualTo(testList.path("running").asInt());
        post("api/jobs/demo/" + jobId + "/cancel", "");
    }

    private static JsonNode taskList(JsonNode workers, String name) {
        for (JsonNode list : workers.path("taskLists")) {
            if (list.path("taskList").asText().equals(name)) {
                return list;
            }
        }
        return null;
    }

    @Test
    void showsOnePlanWithItsGraph() throws Exception {
        Http.Response plan = get("api/plans/cpe-demo/1");
        Http.Response missing = get("api/plans/cpe-demo/9");

        assertThat(plan.status()).isEqualTo(200);
        assertThat(json(plan).at("/graph/stages").toString())
                .isEqualTo("[[\"prepare\"],[\"left\",\"right\"],[\"checksum\"]]");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("\"error\":\"NO_SUCH_PLAN\"");
    }

    @Test
    void metricsCountTheTasksAndDecisionsInPrometheusFormat() throws Exception {
        String jobId = "metrics-" + System.nanoTime();
        start("demo", jobId, 0);
        awaitStatus("demo", jobId, "COMPLETED");

        Http.Response metrics = await().atMost(Duration.ofSeconds(30))
                .until(() -> Http.get(base.toURI().resolve("/metrics")), m -> m.body()
                        .contains("cpe_activity_tasks_completed_total"));

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("cpe_activity_tasks_polled_total", "type=\"Test:1\"", "type=\"Checksum:1\"")
                .contains("cpe_activity_duration_seconds", "cpe_decision_seconds", "cpe_polls_empty_total")
                .contains("cpe_queue_messages", "queue=\"demo-input\"", "queue=\"cpe-dead-letter\"")
                .contains("cpe_open_executions");
    }

    @Test
    void theOpenApiDocumentDescribesTheJobsApi() throws Exception {
        Http.Response document = Http.get(base.toURI().resolve("/openapi"));

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body())
                .contains(
                        "/api/jobs/{client}/{jobId}/retry", "/api/jobs/{client}/{jobId}/cancel", "/api/plans/validate")
                .contains("CPE operations API", "Run again a job whose latest run did not complete")
                .contains("securitySchemes:", "scheme: basic");
    }

    @Test
    void theSummaryCountsOpenAndClosedJobsAndThroughput() throws Exception {
        String jobId = "summary-" + System.nanoTime();
        JsonNode before = json(get("api/jobs/summary"));
        assertThat(start("acme", jobId, 0).status()).isEqualTo(201);
        awaitStatus("acme", jobId, "COMPLETED");

        JsonNode after = json(get("api/jobs/summary?windowMinutes=60"));
        Http.Response bad = get("api/jobs/summary?windowMinutes=0");

        assertThat(after.path("windowMinutes").asInt()).isEqualTo(60);
        // Every job of this test server started within the hour: the two windows count the same jobs.
        assertThat(after.at("/closed/COMPLETED").asInt())
                .isGreaterThanOrEqualTo(before.at("/closed/COMPLETED").asInt() + 1);
        assertThat(after.at("/throughput/completedLastHour").asInt())
                .isGreaterThanOrEqualTo(
                        after.at("/throughput/completedLast5Minutes").asInt())
                .isGreaterThanOrEqualTo(
                        after.at("/throughput/completedLastMinute").asInt());
        assertThat(after.at("/throughput/completedLast5Minutes").asInt()).isPositive();
        assertThat(after.path("open").isInt()).isTrue();
        assertThat(after.at("/closed").size()).isEqualTo(6);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(json(bad).path("error").asText()).isEqualTo("INVALID_FILTER");
    }

    @Test
    void theApiNeedsAUserAndTellsWhyItRefuses() throws Exception {
        Http.Response anonymous = Http.callAs("GET", uri("api/jobs"), null, null);
        Http.Response fromScript =
                Http.callAs("GET", uri("api/jobs"), null, null, "X-Requested-With", "XMLHttpRequest");
        Http.Response wrongPassword =
                Http.callAs("GET", uri("api/jobs"), Http.OPERATOR, "not-" + Http.OPERATOR_PASSWORD);
        Http.Response unknownUser = Http.callAs("GET", uri("api/jobs"), "nobody", Http.OPERATOR_PASSWORD);
        Http.Response notBasic = Http.callAs("GET", uri("api/jobs"), null, null, "Authorization", "Basic %%%");

        for (Http.Response refused : List.of(anonymous, fromScript, wrongPassword, unknownUser, notBasic)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(401);
            assertThat(json(refused).path("error").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(refused.body()).doesNotContain("Exception", "<html");
        }
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm=\"CPE\""));
        assertThat(fromScript.headers().firstValue("WWW-Authenticate"))
                .as("no browser dialog for the console's own requests")
                .isEmpty();
        assertThat(json(wrongPassword).path("message").asText()).isEqualTo("Wrong user name or password");
        assertThat(Http.callAs("GET", uri("/health/ready"), null, null).status())
                .as("health stays open to probes")
                .isIn(200, 503);
        assertThat(Http.callAs("GET", uri("/openapi"), null, null).status()).isEqualTo(200);
    }

    @Test
    void aReaderReadsButAnOperatorActs() throws Exception {
        String jobId = "reader-" + System.nanoTime();
        assertThat(start("demo", jobId, 30).status()).isEqualTo(201);

        Http.Response me = Http.callAs("GET", uri("api/me"), Http.READER, Http.READER_PASSWORD);
        Http.Response read = Http.callAs("GET", uri("api/jobs/demo/" + jobId), Http.READER, Http.READER_PASSWORD);
        Http.Response workers = Http.callAs("GET", uri("api/workers"), Http.READER, Http.READER_PASSWORD);
        Http.Response cancel =
                Http.callAs("POST", uri("api/jobs/demo/" + jobId + "/cancel"), Http.READER, Http.READER_PASSWORD);
        Http.Response pause = Http.callAs("POST", uri("api/roles/decider/pause"), Http.READER, Http.READER_PASSWORD);
        Http.Response startAsReader = Http.callAs("POST", uri("api/jobs/demo"), Http.READER, Http.READER_PASSWORD);

        assertThat(json(me).path("user").asText()).isEqualTo(Http.READER);
        assertThat(json(me).path("roles").toString()).isEqualTo("[\"reader\"]");
        assertThat(json(get("api/me")).path("roles").toString()).isEqualTo("[\"reader\",\"operator\"]");
        assertThat(read.status()).isEqualTo(200);
        assertThat(workers.status()).isEqualTo(200);
        for (Http.Response refused : List.of(cancel, pause, startAsReader)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(json(refused).path("error").asText()).isEqualTo("FORBIDDEN");
            assertThat(json(refused).path("message").asText()).contains("reader", "operator");
        }
        assertThat(json(get("api/jobs/demo/" + jobId + "?history=false"))
                        .at("/job/cancelRequested")
                        .asBoolean())
                .as("the reader's cancel did nothing")
                .isFalse();
        Http.Response validate = Http.callAs(
                "POST",
                uri("api/plans/validate?source=x.yml"),
                Http.READER,
                Http.READER_PASSWORD,
                "Content-Type",
                "application/yaml");
        assertThat(validate.status())
                .as("a reader may check a plan: %s", validate.body())
                .isEqualTo(400);
        assertThat(json(validate).path("error").asText())
                .as("past the role check")
                .isEqualTo("NO_PLAN");
        assertThat(Http.callAs("POST", uri("api/jobs/demo/" + jobId + "/cancel"), Http.OPERATOR, Http.OPERATOR_PASSWORD)
                        .status())
                .isEqualTo(202);
    }

    @Test
    void aPageOfAnotherSiteMayNotAct() throws Exception {
        String jobId = "origin-" + System.nanoTime();
        assertThat(start("demo", jobId, 30).status()).isEqualTo(201);
        String self = "http://" + base.getHost() + ":" + base.getPort();

        Http.Response foreign = Http.callAs(
                "POST",
                uri("api/jobs/demo/" + jobId + "/cancel"),
                Http.OPERATOR,
                Http.OPERATOR_PASSWORD,
                "Origin",
                "http://evil.example");
        Http.Response sameSite = Http.callAs(
                "POST",
                uri("api/jobs/demo/" + jobId + "/cancel"),
                Http.OPERATOR,
                Http.OPERATOR_PASSWORD,
                "Origin",
                self);

        assertThat(foreign.status()).as(foreign.body()).isEqualTo(403);
        assertThat(json(foreign).path("error").asText()).isEqualTo("CROSS_ORIGIN");
        assertThat(sameSite.status()).as(sameSite.body()).isEqualTo(202);
    }

    private Http.Response start(String client, String jobId, int seconds) throws Exception {
        return post(
                "api/jobs/" + client + "?jobId=" + jobId,
                "{\"workflow\": {\"name\": \"cpe-demo\", \"version\": \"1\"}, \"seconds\": " + seconds
                        + ", \"text\": \"api test\"}");
    }

    private JsonNode awaitStatus(String client, String jobId, String status) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> json(get("api/jobs/" + client + "/" + jobId)),
                        d -> status.equals(d.at("/job/status").asText()));
    }

    private String roleState(String role) throws Exception {
        for (JsonNode view : json(get("api/roles"))) {
            if (view.path("name").asText().equals(role)) {
                return view.path("state").asText();
            }
        }
        throw new AssertionError("no role " + role);
    }

    private String stepStatus(String jobId, String step) throws Exception {
        for (JsonNode s : json(get("api/jobs/demo/" + jobId + "?history=false")).at("/job/steps")) {
            if (s.path("activityId").asText().equals(step)) {
                return s.path("status").asText();
            }
        }
        return "";
    }

    private Http.Response get(String path) throws Exception {
        return Http.get(uri(path));
    }

    private Http.Response post(String path, String body) throws Exception {
        return Http.postJson(uri(path), body);
    }

    private URI uri(String path) throws Exception {
        return base.toURI().resolve(path);
    }

    private static JsonNode json(Http.Response response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** The jobIds of every page of a listing, following nextPageToken. */
    private List<String> allPages(String listing) throws Exception {
        List<String> ids = new ArrayList<>();
        String token = null;
        for (int pages = 0; pages < 50; pages++) {
            JsonNode page = json(get(listing
                    + (token == null
                            ? ""
                            : "&nextPageToken="
                                    + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8))));
            ids.addAll(jobIds(page));
            token = page.path("nextPageToken").isTextual()
                    ? page.path("nextPageToken").asText()
                    : null;
            if (token == null || token.isEmpty()) {
                break;
            }
        }
        return ids;
    }

    private static List<String> jobIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("jobs").forEach(j -> ids.add(j.path("jobId").asText()));
        return ids;
    }
}
