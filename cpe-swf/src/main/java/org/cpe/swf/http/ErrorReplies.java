package org.cpe.swf.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonEncoding;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;

/**
 * SWF's error replies: an HTTP status and {@code {"__type": "<namespace>#<code>", "message": ...}}. The SDK keeps
 * only the part after the '#' as the error code and picks the modelled exception by it, so the namespaces matter to
 * other clients only; they are the ones SWF itself sends.
 */
final class ErrorReplies {

    static final String SWF_FAULTS = "com.amazonaws.swf.base.model#";
    static final String VALIDATION = "com.amazon.coral.validate#ValidationException";
    static final String UNKNOWN_OPERATION = "com.amazon.coral.service#UnknownOperationException";
    static final String SERIALIZATION = "com.amazon.coral.service#SerializationException";
    static final String INTERNAL_FAILURE = "com.amazon.coral.service#InternalFailure";

    /** Errors of the Coral framework under SWF; every other code is one of SWF's own faults. */
    private static final Map<String, String> CORAL_TYPES = Map.of(
            "ValidationException", VALIDATION,
            "UnknownOperationException", UNKNOWN_OPERATION,
            "SerializationException", SERIALIZATION,
            "InternalFailure", INTERNAL_FAILURE,
            "ThrottlingException", "com.amazon.coral.availability#ThrottlingException",
            "AccessDeniedException", "com.amazon.coral.service#AccessDeniedException");

    private static final JsonFactory JSON = new JsonFactory();

    private ErrorReplies() {}

    static Reply of(int status, String type, String message, String requestId) {
        return Reply.json(status, body(type, message), requestId);
    }

    /**
     * The reply for a fault the delegate threw: its error code and message as SWF would send them. A fault without
     * an error code is a bug of the delegate rather than an answer, hence null.
     */
    static Reply fault(AwsServiceException fault, String requestId) {
        AwsErrorDetails details = fault.awsErrorDetails();
        if (details == null
                || details.errorCode() == null
                || details.errorCode().isBlank()) {
            return null;
        }
        int status = fault.statusCode() >= 400 && fault.statusCode() <= 599 ? fault.statusCode() : 400;
        // getMessage() of an AwsServiceException appends "(Service: ..., Status Code: ...)": the raw text is wanted.
        String message = details.errorMessage() != null ? details.errorMessage() : fault.getMessage();
        return of(status, typeOf(details.errorCode()), message, requestId);
    }

    static String typeOf(String errorCode) {
        return CORAL_TYPES.getOrDefault(errorCode, SWF_FAULTS + errorCode);
    }

    private static byte[] body(String type, String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (JsonGenerator out = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeStringField("__type", type);
            out.writeStringField("message", message == null ? "" : message);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
