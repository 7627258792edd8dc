package org.cpe.swf.engine;

import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.swf.model.DefaultUndefinedException;
import software.amazon.awssdk.services.swf.model.DomainAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.DomainDeprecatedException;
import software.amazon.awssdk.services.swf.model.LimitExceededException;
import software.amazon.awssdk.services.swf.model.OperationNotPermittedException;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.TypeAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.TypeDeprecatedException;
import software.amazon.awssdk.services.swf.model.TypeNotDeprecatedException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionAlreadyStartedException;

/**
 * The faults SWF answers with, built as the SDK's own exceptions with the error code the SDK would have read from
 * the wire, so that the in-process client and the HTTP endpoint fail alike. The HTTP endpoint writes
 * {@code errorCode()} back as the {@code __type} of its 400 reply.
 */
public final class SwfFaults {

    /** The error code of a request that breaks the API's constraints (missing or malformed member). */
    public static final String VALIDATION = "ValidationException";

    private SwfFaults() {}

    public static UnknownResourceException unknownResource(String message) {
        return fault(UnknownResourceException.builder(), "UnknownResourceFault", message);
    }

    public static TypeAlreadyExistsException typeAlreadyExists(String message) {
        return fault(TypeAlreadyExistsException.builder(), "TypeAlreadyExistsFault", message);
    }

    public static TypeDeprecatedException typeDeprecated(String message) {
        return fault(TypeDeprecatedException.builder(), "TypeDeprecatedFault", message);
    }

    public static TypeNotDeprecatedException typeNotDeprecated(String message) {
        return fault(TypeNotDeprecatedException.builder(), "TypeNotDeprecatedFault", message);
    }

    public static DomainAlreadyExistsException domainAlreadyExists(String message) {
        return fault(DomainAlreadyExistsException.builder(), "DomainAlreadyExistsFault", message);
    }

    public static DomainDeprecatedException domainDeprecated(String message) {
        return fault(DomainDeprecatedException.builder(), "DomainDeprecatedFault", message);
    }

    public static DefaultUndefinedException defaultUndefined(String message) {
        return fault(DefaultUndefinedException.builder(), "DefaultUndefinedFault", message);
    }

    public static LimitExceededException limitExceeded(String message) {
        return fault(LimitExceededException.builder(), "LimitExceededFault", message);
    }

    public static OperationNotPermittedException operationNotPermitted(String message) {
        return fault(OperationNotPermittedException.builder(), "OperationNotPermittedFault", message);
    }

    public static WorkflowExecutionAlreadyStartedException alreadyStarted(String message) {
        return fault(
                WorkflowExecutionAlreadyStartedException.builder(), "WorkflowExecutionAlreadyStartedFault", message);
    }

    /** A request that breaks a constraint of the API: SWF's {@code ValidationException}. */
    public static SwfException validation(String message) {
        return fault(SwfException.builder(), VALIDATION, message);
    }

    /** Shorthand for a validation fault thrown from a lambda. */
    public static Supplier<SwfException> invalid(String message) {
        return () -> validation(message);
    }

    @SuppressWarnings("unchecked")
    private static <T extends AwsServiceException> T fault(
            AwsServiceException.Builder builder, String code, String message) {
        return (T) builder.message(message)
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("Swf")
                        .sdkHttpResponse(
                                SdkHttpResponse.builder().statusCode(400).build())
                        .build())
                .build();
    }
}
