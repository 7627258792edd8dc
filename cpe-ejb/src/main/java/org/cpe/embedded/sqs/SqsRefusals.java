package org.cpe.embedded.sqs;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.cpe.swf.http.SigV4Verifier.Refusal;

/**
 * A refusal of the embedded SQS's signature-checking front, in the shape SQS answers it: the AWS JSON error with
 * {@code x-amzn-query-error} for the JSON protocol (the SDKs of today), the XML {@code ErrorResponse} for the query
 * protocol (boto3 before 1.34, the AWS CLI v1), with SQS's status codes.
 */
record SqsRefusals(int status, String queryCode, String jsonType, String message) {

    /** The refusal SQS gives for a signature that does not hold. */
    static SqsRefusals of(Refusal refusal) {
        String message = refusal.message();
        return switch (refusal.kind()) {
            case MISSING -> new SqsRefusals(
                    403, "MissingAuthenticationToken", "MissingAuthenticationTokenException", message);
            case INCOMPLETE -> new SqsRefusals(400, "IncompleteSignature", "IncompleteSignatureException", message);
            case UNKNOWN_KEY -> new SqsRefusals(403, "InvalidClientTokenId", "UnrecognizedClientException", message);
            case EXPIRED -> new SqsRefusals(400, "RequestExpired", "InvalidSignatureException", message);
            case MISMATCH -> new SqsRefusals(403, "SignatureDoesNotMatch", "InvalidSignatureException", message);
        };
    }

    /** A request the front cannot take now: too many at once, or ElasticMQ behind it does not answer. */
    static SqsRefusals unavailable(String message) {
        return new SqsRefusals(503, "ServiceUnavailable", "ServiceUnavailable", message);
    }

    static SqsRefusals tooLarge(long limit) {
        return new SqsRefusals(
                413,
                "RequestEntityTooLarge",
                "RequestEntityTooLarge",
                "The request body is larger than " + limit + " bytes");
    }

    /** The body, as the request's protocol expects it. */
    byte[] body(boolean json) {
        String text = json
                ? "{\"__type\":\"com.amazon.coral.service#" + jsonType + "\",\"message\":\"" + jsonEscape(message)
                        + "\"}"
                : "<?xml version=\"1.0\"?><ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error>"
                        + "<Type>" + (status < 500 ? "Sender" : "Receiver") + "</Type><Code>" + queryCode
                        + "</Code><Message>" + xmlEscape(message) + "</Message><Detail/></Error><RequestId>"
                        + UUID.randomUUID() + "</RequestId></ErrorResponse>";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The headers besides the body's length. */
    Map<String, String> headers(boolean json) {
        return json
                ? Map.of(
                        "Content-Type",
                        "application/x-amz-json-1.0",
                        "x-amzn-query-error",
                        queryCode + ";" + (status < 500 ? "Sender" : "Receiver"))
                : Map.of("Content-Type", "text/xml");
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
