package org.cpe.swf.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.cpe.swf.engine.SwfFaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.swf.model.DeprecateDomainRequest;
import software.amazon.awssdk.services.swf.model.DeprecateDomainResponse;
import software.amazon.awssdk.services.swf.model.SwfException;

class SwfJsonProtocolTest {

    private static final String DEPRECATE = "SimpleWorkflowService.DeprecateDomain";

    static Stream<Arguments> faults() {
        return Stream.of(
                fault(() -> SwfFaults.unknownResource("m"), "com.amazonaws.swf.base.model#UnknownResourceFault"),
                fault(() -> SwfFaults.typeAlreadyExists("m"), "com.amazonaws.swf.base.model#TypeAlreadyExistsFault"),
                fault(() -> SwfFaults.typeDeprecated("m"), "com.amazonaws.swf.base.model#TypeDeprecatedFault"),
                fault(() -> SwfFaults.typeNotDeprecated("m"), "com.amazonaws.swf.base.model#TypeNotDeprecatedFault"),
                fault(
                        () -> SwfFaults.domainAlreadyExists("m"),
                        "com.amazonaws.swf.base.model#DomainAlreadyExistsFault"),
                fault(() -> SwfFaults.domainDeprecated("m"), "com.amazonaws.swf.base.model#DomainDeprecatedFault"),
                fault(() -> SwfFaults.defaultUndefined("m"), "com.amazonaws.swf.base.model#DefaultUndefinedFault"),
                fault(() -> SwfFaults.limitExceeded("m"), "com.amazonaws.swf.base.model#LimitExceededFault"),
                fault(
                        () -> SwfFaults.operationNotPermitted("m"),
                        "com.amazonaws.swf.base.model#OperationNotPermittedFault"),
                fault(
                        () -> SwfFaults.alreadyStarted("m"),
                        "com.amazonaws.swf.base.model#WorkflowExecutionAlreadyStartedFault"),
                fault(() -> SwfFaults.validation("m"), "com.amazon.coral.validate#ValidationException"));
    }

    private static Arguments fault(Supplier<AwsServiceException> fault, String type) {
        return Arguments.of(fault, type);
    }

    @ParameterizedTest
    @MethodSource("faults")
    void everyFaultOfTheEngineIsAnsweredWithSwfsType(Supplier<AwsServiceException> fault, String type) {
        SwfJsonProtocol protocol = new SwfJsonProtocol(throwing(fault));

        Reply reply = protocol.handle(DEPRECATE, Reply.CONTENT_TYPE, "{\"name\":\"d\"}".getBytes(UTF_8));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).isEqualTo("application/x-amz-json-1.0");
        assertThat(reply.bodyText()).isEqualTo("{\"__type\":\"" + type + "\",\"message\":\"m\"}");
    }

    @Test
    void aNulCharacterInAStringIsAValidationErrorButAnEscapedBackslashBeforeU0000IsText() {
        assertThat(SwfJsonProtocol.hasNulEscape("{\"name\":\"a\\u0000b\"}".getBytes(UTF_8)))
                .isTrue();
        assertThat(SwfJsonProtocol.hasNulEscape("{\"name\":\"a\\\\u0000b\"}".getBytes(UTF_8)))
                .isFalse();
        assertThat(SwfJsonProtocol.hasNulEscape("{\"name\":\"a\\\\\\u0000b\"}".getBytes(UTF_8)))
                .isTrue();
        Reply reply = new SwfJsonProtocol(new FakeSwfClient())
                .handle(
                        "SimpleWorkflowService.PollForDecisionTask",
                        Reply.CONTENT_TYPE,
                        "{\"domain\":\"d\\u0000\",\"taskList\":{\"name\":\"t\"}}".getBytes(UTF_8));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(new String(reply.body(), UTF_8))
                .contains("ValidationException")
                .contains("U+0000");
    }

    @Test
    void faultWithoutAnErrorCodeIsAnInternalFailure() {
        SwfJsonProtocol protocol = new SwfJsonProtocol(
                throwing(() -> SwfException.builder().message("no code").build()));

        Reply reply = protocol.handle(DEPRECATE, null, new byte[0]);

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.bodyText())
                .startsWith("{\"__type\":\"com.amazon.coral.service#InternalFailure\"")
                .doesNotContain("no code");
    }

    @Test
    void onlyTheOperationsTheDelegateImplementsAreServed() {
        assertThat(new SwfJsonProtocol(new FakeSwfClient()).operations())
                .containsExactly(
                        "CountPendingDecisionTasks",
                        "DescribeDomain",
                        "ListOpenWorkflowExecutions",
                        "PollForActivityTask",
                        "PollForDecisionTask",
                        "RegisterDomain",
                        "RespondDecisionTaskCompleted");
    }

    @Test
    void operationTheDelegateLacksIsUnsupportedByName() {
        Reply reply =
                new SwfJsonProtocol(new FakeSwfClient()).handle("SimpleWorkflowService.TagResource", null, new byte[0]);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.bodyText())
                .isEqualTo("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\","
                        + "\"message\":\"operation TagResource is not supported by this service\"}");
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() throws IOException {
        ByteArrayInputStream body = new ByteArrayInputStream("{}".getBytes(UTF_8));

        Reply reply = new SwfJsonProtocol(new FakeSwfClient())
                .handle("SimpleWorkflowService.RegisterDomain", null, SwfJsonProtocol.MAX_REQUEST_BYTES + 1L, body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.bodyText()).contains("request size exceeds 1 MB");
        assertThat(body.available()).isEqualTo(2);
    }

    @Test
    void everyReplyCarriesItsOwnRequestId() {
        SwfJsonProtocol protocol = new SwfJsonProtocol(new FakeSwfClient());

        Reply first = protocol.handle("SimpleWorkflowService.PollForDecisionTask", null, new byte[0]);
        Reply second = protocol.handle("nonsense", null, new byte[0]);

        assertThat(first.requestId()).matches("[0-9a-f-]{36}");
        assertThat(second.requestId()).matches("[0-9a-f-]{36}").isNotEqualTo(first.requestId());
    }

    private static FakeSwfClient throwing(Supplier<? extends RuntimeException> fault) {
        return new FakeSwfClient() {
            @Override
            public DeprecateDomainResponse deprecateDomain(DeprecateDomainRequest request) {
                throw fault.get();
            }
        };
    }
}
