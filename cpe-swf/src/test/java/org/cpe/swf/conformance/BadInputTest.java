package org.cpe.swf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.*;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

/** Requests SWF refuses get SWF's faults, on the wire as SWF sends them, and leave the service serving. */
class BadInputTest {

    private static final String VALIDATION = "ValidationException";

    private static SwfService service;
    private static HttpClient http;
    private Workflows wf;
    private SwfClient swf;

    @BeforeAll
    static void startService() {
        service = SwfService.start();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    @BeforeEach
    void registerTypes() {
        swf = service.client();
        wf = new Workflows(swf);
    }

    @AfterEach
    void serviceStillServes() {
        assertThat(swf.listDomains(r -> r.registrationStatus(RegistrationStatus.REGISTERED))
                        .domainInfos())
                .extracting(DomainInfo::name)
                .contains(wf.domain);
        String list = "after-" + UUID.randomUUID();
        String runId = Runs.start(wf, "still-serving", r -> r.taskList(t -> t.name(list)));
        assertThat(Runs.decisionTask(wf, list).workflowExecution().runId()).isEqualTo(runId);
    }

    @Test
    void missingRequiredMembersAreValidationErrors() {
        Runs.assertFault(
                () -> swf.startWorkflowExecution(r -> r.domain(wf.domain).workflowType(wf.workflowType)), VALIDATION);
        Runs.assertFault(
                () -> swf.startWorkflowExecution(r -> r.domain(wf.domain).workflowId("no-type")), VALIDATION);
        Runs.assertFault(() -> swf.registerDomain(r -> r.name("no-retention-" + UUID.randomUUID())), VALIDATION);
        Runs.assertFault(() -> swf.registerDomain(r -> r.workflowExecutionRetentionPeriodInDays("1")), VALIDATION);
        Runs.assertFault(() -> swf.registerWorkflowType(r -> r.domain(wf.domain).name("no-version")), VALIDATION);
        Runs.assertFault(() -> swf.registerActivityType(r -> r.domain(wf.domain).version("1")), VALIDATION);
        Runs.assertFault(() -> swf.pollForDecisionTask(r -> r.domain(wf.domain)), VALIDATION);
        Runs.assertFault(() -> swf.pollForActivityTask(r -> r.domain(wf.domain)), VALIDATION);
        Runs.assertFault(
                () -> swf.signalWorkflowExecution(r -> r.domain(wf.domain).signalName("s")), VALIDATION);
        Runs.assertFault(() -> swf.describeWorkflowExecution(r -> r.domain(wf.domain)), VALIDATION);
        Runs.assertFault(() -> swf.respondActivityTaskCompleted(r -> r.result("no token")), VALIDATION);
        Runs.assertFault(() -> swf.listDomains(r -> r.maximumPageSize(10)), VALIDATION);
        Runs.assertFault(() -> swf.listOpenWorkflowExecutions(r -> r.domain(wf.domain)), VALIDATION);
    }

    @Test
    void malformedValuesAreValidationErrors() {
        Runs.assertFault(() -> swf.listDomains(r -> r.registrationStatus("BOGUS")), VALIDATION);
        Runs.assertFault(() -> swf.listWorkflowTypes(r -> r.domain(wf.domain).registrationStatus("BOGUS")), VALIDATION);
        Runs.assertFault(() -> Runs.start(wf, "policy", r -> r.childPolicy("BOGUS")), VALIDATION);
        Runs.assertFault(() -> Runs.start(wf, "timeout", r -> r.taskStartToCloseTimeout("soon")), VALIDATION);
        Runs.assertFault(
                () -> Runs.start(wf, "timeout", r -> r.taskStartToCloseTimeout("999999999")),
                VALIDATION); // durations are at most 8 characters
        Runs.assertFault(
                () -> Runs.start(wf, "timeout", r -> r.executionStartToCloseTimeout("9223372036854775807")),
                VALIDATION);
        Runs.assertFault(
                () -> Runs.start(wf, "timeout", r -> r.executionStartToCloseTimeout("NONE")),
                VALIDATION); // a run lasts a year at most
        Runs.assertFault(() -> Runs.start(wf, "timeout", r -> r.executionStartToCloseTimeout("31536001")), VALIDATION);
        Runs.assertFault(
                () -> swf.registerWorkflowType(r ->
                        r.domain(wf.domain).name("forever").version("1").defaultExecutionStartToCloseTimeout("NONE")),
                VALIDATION);
        Runs.assertFault(() -> Runs.start(wf, "bad:id", r -> {}), VALIDATION);
        Runs.assertFault(
                () -> swf.registerDomain(r -> r.name(
                                "kept-too-long-" + UUID.randomUUID().toString().substring(0, 8))
                        .workflowExecutionRetentionPeriodInDays("91")),
                VALIDATION); // SWF keeps closed executions 90 days at most
        String runId = Runs.start(wf, "timeout", r -> r.executionStartToCloseTimeout("31536000"));
        assertThat(wf.describe("timeout", runId).executionStatus()).isEqualTo(ExecutionStatus.OPEN);
    }

    @Test
    void unknownDomainIsAnUnknownResource() {
        String nowhere = "no-such-domain-" + UUID.randomUUID();
        assertThatThrownBy(() -> swf.startWorkflowExecution(
                        r -> r.domain(nowhere).workflowId("x").workflowType(wf.workflowType)))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> swf.describeDomain(r -> r.name(nowhere))).isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> swf.pollForDecisionTask(r -> r.domain(nowhere).taskList(t -> t.name("l"))))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> swf.registerWorkflowType(
                        r -> r.domain(nowhere).name("t").version("1")))
                .isInstanceOf(UnknownResourceException.class);
    }

    @Test
    void unknownWorkflowAndActivityTypesAreUnknownResources() {
        WorkflowType noWorkflow =
                WorkflowType.builder().name("wf").version("99").build();
        ActivityType noActivity =
                ActivityType.builder().name("nope").version("1").build();
        assertThatThrownBy(() -> swf.startWorkflowExecution(
                        r -> r.domain(wf.domain).workflowId("x").workflowType(noWorkflow)))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(
                        () -> swf.describeWorkflowType(r -> r.domain(wf.domain).workflowType(noWorkflow)))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(
                        () -> swf.describeActivityType(r -> r.domain(wf.domain).activityType(noActivity)))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(
                        () -> swf.deprecateActivityType(r -> r.domain(wf.domain).activityType(noActivity)))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> swf.describeWorkflowExecution(
                        r -> r.domain(wf.domain).execution(wf.execution("nobody", "0123456789abcdef"))))
                .isInstanceOf(UnknownResourceException.class);
    }

    @Test
    void deprecatedWorkflowTypeCannotBeStarted() {
        swf.deprecateWorkflowType(r -> r.domain(wf.domain).workflowType(wf.workflowType));

        assertThatThrownBy(() -> wf.start("after-deprecation")).isInstanceOf(TypeDeprecatedException.class);

        swf.undeprecateWorkflowType(r -> r.domain(wf.domain).workflowType(wf.workflowType));
    }

    @Test
    void registeringADomainOrTypeTwiceIsRefused() {
        assertThatThrownBy(() -> swf.registerDomain(r -> r.name(wf.domain).workflowExecutionRetentionPeriodInDays("1")))
                .isInstanceOf(DomainAlreadyExistsException.class);
        assertThatThrownBy(() -> swf.registerWorkflowType(
                        r -> r.domain(wf.domain).name(wf.workflowType.name()).version(wf.workflowType.version())))
                .isInstanceOf(TypeAlreadyExistsException.class);
        assertThatThrownBy(() -> swf.registerActivityType(
                        r -> r.domain(wf.domain).name(wf.activityType.name()).version(wf.activityType.version())))
                .isInstanceOf(TypeAlreadyExistsException.class);
    }

    @Test
    void inputAndHeartbeatDetailsOverTheirLimitsAreValidationErrors() {
        String atLimit = "x".repeat(32_768);
        Runs.assertFault(() -> Runs.start(wf, "big", r -> r.input(atLimit + "x")), VALIDATION);
        String runId = Runs.start(wf, "big", r -> r.input(atLimit));
        assertThat(wf.history("big", runId)
                        .get(0)
                        .workflowExecutionStartedEventAttributes()
                        .input())
                .hasSize(32_768);

        wf.decide(wf.decisionTask().taskToken(), Workflows.scheduleActivity(wf.activityType, "a1", "x"));
        PollForActivityTaskResponse task = wf.activityTask();
        Runs.assertFault(
                () -> swf.recordActivityTaskHeartbeat(
                        r -> r.taskToken(task.taskToken()).details("d".repeat(2_049))),
                VALIDATION);
        swf.recordActivityTaskHeartbeat(r -> r.taskToken(task.taskToken()).details("d".repeat(2_048)));
        Runs.assertFault(
                () -> swf.respondActivityTaskCompleted(
                        r -> r.taskToken(task.taskToken()).result(atLimit + "x")),
                VALIDATION);
        swf.respondActivityTaskCompleted(r -> r.taskToken(task.taskToken()).result(atLimit));
    }

    @Test
    void taskTokensNeverIssuedOrAlreadyUsedAreUnknownResources() {
        byte[] noise = new byte[96];
        new Random(7).nextBytes(noise);
        for (String token : new String[] {
            "random-" + UUID.randomUUID(),
            Base64.getEncoder().encodeToString(noise),
            Base64.getUrlEncoder().withoutPadding().encodeToString(noise),
            Base64.getEncoder().encodeToString("a|no-such-run|5|6".getBytes(StandardCharsets.UTF_8)),
            Base64.getEncoder().encodeToString("d|no-such-run|5|6".getBytes(StandardCharsets.UTF_8))
        }) {
            assertThatThrownBy(() -> swf.respondActivityTaskCompleted(r -> r.taskToken(token)))
                    .as(token)
                    .isInstanceOf(UnknownResourceException.class);
            assertThatThrownBy(() -> swf.recordActivityTaskHeartbeat(r -> r.taskToken(token)))
                    .as(token)
                    .isInstanceOf(UnknownResourceException.class);
            assertThatThrownBy(() -> swf.respondDecisionTaskCompleted(r -> r.taskToken(token)))
                    .as(token)
                    .isInstanceOf(UnknownResourceException.class);
        }

        Runs.assertFault(
                () -> swf.respondActivityTaskCompleted(r -> r.taskToken("t".repeat(1025))),
                VALIDATION); // SWF's tokens are at most 1024 characters
        wf.start("used");
        PollForDecisionTaskResponse decision = wf.decisionTask();
        wf.decide(decision.taskToken(), Workflows.scheduleActivity(wf.activityType, "a1", "x"));
        assertThatThrownBy(() -> wf.decide(decision.taskToken())).isInstanceOf(UnknownResourceException.class);
        PollForActivityTaskResponse activity = wf.activityTask();
        assertThatThrownBy(() -> wf.decide(activity.taskToken()))
                .as("an activity token is no decision token")
                .isInstanceOf(UnknownResourceException.class);
        swf.respondActivityTaskCompleted(r -> r.taskToken(activity.taskToken()));
        assertThatThrownBy(() -> swf.respondActivityTaskCompleted(r -> r.taskToken(activity.taskToken())))
                .isInstanceOf(UnknownResourceException.class);
        assertThatThrownBy(() -> swf.respondActivityTaskFailed(r -> r.taskToken(activity.taskToken())))
                .isInstanceOf(UnknownResourceException.class);
    }

    @Test
    void malformedJsonIsASerializationError() throws Exception {
        HttpResponse<String> reply =
                post("SimpleWorkflowService.ListDomains", "application/x-amz-json-1.0", "{not json");
        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(errorBody(reply).get("__type")).contains("SerializationException");

        HttpResponse<String> wrongType = post(
                "SimpleWorkflowService.ListDomains", "application/x-amz-json-1.0", "{\"maximumPageSize\":\"ten\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(errorBody(wrongType).get("__type")).contains("SerializationException");
    }

    @Test
    void unknownOrMissingTargetIsAnUnknownOperation() throws Exception {
        for (String target : new String[] {"SimpleWorkflowService.NoSuchOperation", "Nonsense", null}) {
            HttpResponse<String> reply = post(target, "application/x-amz-json-1.0", "{}");
            assertThat(reply.statusCode()).as(target).isEqualTo(400);
            assertThat(errorBody(reply).get("__type")).as(target).contains("UnknownOperationException");
        }
    }

    @Test
    void legacyTargetPrefixWithPlainJsonContentTypeIsServed() throws Exception {
        HttpResponse<String> reply = post(
                "com.amazonaws.swf.service.model.SimpleWorkflowService.ListDomains",
                "application/json",
                "{\"registrationStatus\":\"REGISTERED\"}");

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("\"domainInfos\"").contains(wf.domain);
    }

    @Test
    void faultsOnTheWireAreJsonWithTypeAndMessage() throws Exception {
        HttpResponse<String> unknown = post(
                "SimpleWorkflowService.DescribeDomain",
                "application/x-amz-json-1.0",
                "{\"name\":\"no-such-domain-" + UUID.randomUUID() + "\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/x-amz-json-1.0"));
        assertThat(errorBody(unknown)).containsEntry("__type", "com.amazonaws.swf.base.model#UnknownResourceFault");

        HttpResponse<String> invalid = post(
                "SimpleWorkflowService.RegisterDomain", "application/x-amz-json-1.0", "{\"name\":\"no-retention\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(errorBody(invalid)).containsEntry("__type", "com.amazon.coral.validate#ValidationException");

        HttpResponse<String> duplicate = post(
                "SimpleWorkflowService.RegisterDomain",
                "application/x-amz-json-1.0",
                "{\"name\":\"" + wf.domain + "\",\"workflowExecutionRetentionPeriodInDays\":\"1\"}");
        assertThat(errorBody(duplicate))
                .containsEntry("__type", "com.amazonaws.swf.base.model#DomainAlreadyExistsFault");

        HttpResponse<String> badToken = post(
                "SimpleWorkflowService.RespondActivityTaskCompleted",
                "application/x-amz-json-1.0",
                "{\"taskToken\":\"never-issued\"}");
        assertThat(errorBody(badToken)).containsEntry("__type", "com.amazonaws.swf.base.model#UnknownResourceFault");
    }

    private static HttpResponse<String> post(String target, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.endpoint())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The error reply as its top-level string members; fails unless it is a JSON object with __type and message. */
    private static Map<String, String> errorBody(HttpResponse<String> reply) throws IOException {
        Map<String, String> members = new LinkedHashMap<>();
        try (JsonParser in = new JsonFactory().createParser(reply.body())) {
            assertThat(in.nextToken()).as(reply.body()).isEqualTo(JsonToken.START_OBJECT);
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                JsonToken value = in.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    members.put(name, in.getText());
                } else {
                    in.skipChildren();
                }
            }
        }
        assertThat(members).as(reply.body()).containsKeys("__type", "message");
        assertThat(members.get("message")).as(reply.body()).isNotBlank();
        return members;
    }
}
