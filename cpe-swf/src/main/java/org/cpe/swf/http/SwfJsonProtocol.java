package org.cpe.swf.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpe.swf.http.Operations.Operation;
import org.cpe.swf.json.JsonFormatException;
import org.cpe.swf.json.SdkJson;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.SwfRequest;
import software.amazon.awssdk.services.swf.model.SwfResponse;

/**
 * SWF's AWS JSON 1.0 protocol in front of any {@link SwfClient}: one request (target header, content type, body) in,
 * one {@link Reply} out, faults answered as SWF answers them. It knows no HTTP server, so a servlet or the JDK's
 * server can call it alike; it is thread-safe and blocks as long as the delegate does (up to a long poll).
 */
public final class SwfJsonProtocol {

    /** SWF refuses requests over 1 MB. */
    public static final int MAX_REQUEST_BYTES = 1_048_576;

    private static final Logger LOG = Logger.getLogger(SwfJsonProtocol.class.getName());

    private static final String TARGET_PREFIX = "SimpleWorkflowService.";

    /** The prefix of SWF's older developer guide; some hand-written clients still send it. */
    private static final String LEGACY_TARGET_PREFIX = "com.amazonaws.swf.service.model.SimpleWorkflowService.";

    private static final Set<String> CONTENT_TYPES = Set.of("application/x-amz-json-1.0", "application/json");

    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private final SwfClient delegate;
    private final Map<String, Operation> operations;

    public SwfJsonProtocol(SwfClient delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.operations = Operations.servedBy(delegate);
    }

    /** The names of the operations served, e.g. {@code PollForDecisionTask}, in alphabetical order. */
    public Set<String> operations() {
        return operations.keySet();
    }

    /**
     * Answers one request whose body is read here, refusing it unread when its declared length is over the limit.
     *
     * @param contentLength the declared length, or -1 when not known (chunked)
     */
    public Reply handle(String target, String contentType, long contentLength, InputStream body) throws IOException {
        if (contentLength > MAX_REQUEST_BYTES) {
            return tooLarge(newRequestId());
        }
        return handle(target, contentType, body.readNBytes(MAX_REQUEST_BYTES + 1));
    }

    /**
     * Answers one request.
     *
     * @param target the {@code X-Amz-Target} header, e.g. {@code SimpleWorkflowService.PollForDecisionTask}
     * @param contentType the {@code Content-Type} header; may be null
     * @param body the request body; empty means {@code {}}
     */
    public Reply handle(String target, String contentType, byte[] body) {
        String requestId = newRequestId();
        if (body.length > MAX_REQUEST_BYTES) {
            return tooLarge(requestId);
        }
        Operation operation = operations.get(operationName(target));
        if (operation == null) {
            return ErrorReplies.of(400, ErrorReplies.UNKNOWN_OPERATION, unknownOperation(target), requestId);
        }
        if (!acceptedContentType(contentType)) {
            return ErrorReplies.of(
                    400,
                    ErrorReplies.SERIALIZATION,
                    "unsupported content type " + clip(contentType) + "; send application/x-amz-json-1.0",
                    requestId);
        }
        if (hasNulEscape(body)) {
            // PostgreSQL cannot store U+0000 in text: accepted, such a value would stop the store's writes.
            return ErrorReplies.of(
                    400,
                    ErrorReplies.VALIDATION,
                    "1 validation error detected: a string member contains the character U+0000, which this service"
                            + " does not store",
                    requestId);
        }
        SwfRequest request;
        try {
            request = SdkJson.read(body.length == 0 ? EMPTY_OBJECT : body, operation.requestType());
        } catch (JsonFormatException e) {
            return ErrorReplies.of(400, ErrorReplies.SERIALIZATION, e.getMessage(), requestId);
        }
        return invoke(operation, request, requestId);
    }

    /** Whether the JSON text holds the escape {@code \u0000} (after an even number of backslashes). */
    static boolean hasNulEscape(byte[] body) {
        for (int i = 0; i + 5 < body.length; i++) {
            if (body[i] == '\\'
                    && body[i + 1] == 'u'
                    && body[i + 2] == '0'
                    && body[i + 3] == '0'
                    && body[i + 4] == '0'
                    && body[i + 5] == '0') {
                int backslashes = 1;
                for (int j = i - 1; j >= 0 && body[j] == '\\'; j--) {
                    backslashes++;
                }
                if (backslashes % 2 == 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The reply to a request with an HTTP method other than POST. */
    public Reply methodNotAllowed(String method) {
        return ErrorReplies.of(
                        405,
                        ErrorReplies.UNKNOWN_OPERATION,
                        "HTTP method " + method + " is not allowed; SWF takes POST",
                        newRequestId())
                .withHeader("Allow", "POST");
    }

    /** The reply to a request for a path where no SWF endpoint is. */
    Reply notFound(String path, String endpointPath) {
        return ErrorReplies.of(
                404,
                ErrorReplies.UNKNOWN_OPERATION,
                "no SWF endpoint at " + path + "; use " + endpointPath,
                newRequestId());
    }

    private Reply invoke(Operation operation, SwfRequest request, String requestId) {
        try {
            SwfResponse response = operation.invoke(delegate, request);
            if (response == null) {
                throw new IllegalStateException(operation.name() + " returned no response");
            }
            return Reply.json(200, SdkJson.writeBytes(response), requestId);
        } catch (AwsServiceException e) {
            Reply fault = ErrorReplies.fault(e, requestId);
            if (fault != null) {
                LOG.log(Level.FINE, () -> operation.name() + " answered " + fault.bodyText());
                return fault;
            }
            return internalFailure(operation, e, requestId);
        } catch (RuntimeException e) {
            return internalFailure(operation, e, requestId);
        }
    }

    private static Reply internalFailure(Operation operation, RuntimeException e, String requestId) {
        LOG.log(Level.SEVERE, e, () -> operation.name() + " failed, request id " + requestId);
        return ErrorReplies.of(
                500,
                ErrorReplies.INTERNAL_FAILURE,
                operation.name() + " failed on the server (request id " + requestId + ")",
                requestId);
    }

    private static Reply tooLarge(String requestId) {
        return ErrorReplies.of(400, ErrorReplies.VALIDATION, "request size exceeds 1 MB", requestId);
    }

    private static String operationName(String target) {
        if (target == null) {
            return "";
        }
        if (target.startsWith(TARGET_PREFIX)) {
            return target.substring(TARGET_PREFIX.length());
        }
        if (target.startsWith(LEGACY_TARGET_PREFIX)) {
            return target.substring(LEGACY_TARGET_PREFIX.length());
        }
        return "";
    }

    private String unknownOperation(String target) {
        if (target == null || target.isBlank()) {
            return "missing X-Amz-Target header; expected SimpleWorkflowService.<Operation>";
        }
        String name = operationName(target);
        if (!name.isEmpty() && !operations.containsKey(name) && isSwfOperation(name)) {
            return "operation " + name + " is not supported by this service";
        }
        return "unknown operation " + clip(target);
    }

    /** A header as echoed in an error message: headers are the client's to size, replies are not. */
    private static String clip(String header) {
        return header.length() <= 200 ? header : header.substring(0, 200) + "...";
    }

    private static boolean isSwfOperation(String name) {
        return Operations.ALL_SWF_OPERATIONS.contains(name);
    }

    private static boolean acceptedContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return CONTENT_TYPES.contains(mediaType.trim().toLowerCase(Locale.ROOT));
    }

    private static String newRequestId() {
        return UUID.randomUUID().toString();
    }
}
