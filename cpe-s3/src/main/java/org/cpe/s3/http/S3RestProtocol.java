package org.cpe.s3.http;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.cpe.s3.store.ObjectStore;
import org.cpe.s3.store.StoreException;
import org.cpe.swf.http.SigV4Verifier;

/**
 * S3's REST protocol over the {@link ObjectStore}, for path-style requests ({@code /bucket/key}): it checks the AWS
 * Signature V4 (unless the endpoint is open), decodes the body as signed (a SHA-256, unsigned, or {@code aws-chunked}
 * with or without chunk signatures, with Content-MD5 checked), routes to {@link S3Operations}, and answers errors as
 * S3 does: the status and an {@code <Error>} document with the code, message, resource and request id.
 */
public final class S3RestProtocol {

    private static final Logger LOG = Logger.getLogger(S3RestProtocol.class.getName());
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final S3Operations operations;
    private final SigV4Verifier verifier;

    /** @param verifier the signature check, or empty for an endpoint that takes unsigned requests */
    public S3RestProtocol(ObjectStore store, Optional<SigV4Verifier> verifier, String region) {
        this.operations = new S3Operations(store, region);
        this.verifier = verifier.orElse(null);
    }

    /** The answer to a request; the caller sends it (and so releases what it holds). Never throws. */
    public S3Reply handle(S3Request request) {
        String requestId = UUID.randomUUID().toString();
        S3Reply reply;
        String resource = request.path();
        try {
            Target target = Target.of(request.path(), request.query());
            if (target.has("X-Amz-Signature") || target.has("X-Amz-Credential")) {
                throw new S3Error(
                        403,
                        "AccessDenied",
                        "Presigned URLs are not supported by CPE's embedded S3 store: sign the Authorization header");
            }
            InputStream body = body(request);
            reply = operations.route(request.method().toUpperCase(Locale.ROOT), target, request, body);
        } catch (StoreException e) {
            reply = error(e.status(), e.code(), e.getMessage(), "/" + e.resource(), requestId);
        } catch (S3Error e) {
            reply = error(e.status(), e.code(), e.getMessage(), resource, requestId);
        } catch (PayloadMismatch e) {
            reply = error(400, e.code(), e.getMessage(), resource, requestId);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "The embedded S3 store failed on " + request.method() + " " + resource, e);
            reply = error(500, "InternalError", "We encountered an internal error: " + e, resource, requestId);
        }
        return reply.header("x-amz-request-id", requestId);
    }

    /** The request's body as the object's bytes, after the signature check that decides how it was sent. */
    private InputStream body(S3Request request) throws S3Error {
        String declared = request.header("x-amz-content-sha256");
        SigV4Verifier.Signed signed = null;
        if (verifier != null) {
            if (declared == null && request.header("authorization") != null) {
                throw new S3Error(
                        400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
            }
            SigV4Verifier.Verdict verdict = verifier.verify(
                    request.method(),
                    request.signedPath(),
                    request.query(),
                    request.headers(),
                    String.valueOf(declared));
            if (verdict.refused()) {
                throw refusal(verdict.refusal());
            }
            signed = verdict.signed();
        }
        InputStream body = request.body();
        if (declared == null || declared.equals("UNSIGNED-PAYLOAD")) {
            body = request.body();
        } else if (declared.equals("STREAMING-UNSIGNED-PAYLOAD-TRAILER")) {
            body = new AwsChunkedInputStream(body, null, true);
        } else if (declared.equals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD")) {
            body = new AwsChunkedInputStream(body, signed, false);
        } else if (declared.equals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER")) {
            body = new AwsChunkedInputStream(body, signed, true);
        } else if (HEX_SHA256.matcher(declared).matches()) {
            body = new DigestCheckingInputStream(
                    body,
                    digest("SHA-256"),
                    HexFormat.of().parseHex(declared),
                    "XAmzContentSHA256Mismatch",
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        } else {
            throw S3Error.invalidArgument("x-amz-content-sha256 must be a SHA-256 in hex, UNSIGNED-PAYLOAD or a"
                    + " STREAMING- value; it is '" + declared + "'");
        }
        String md5 = request.header("content-md5");
        if (md5 != null) {
            byte[] expected;
            try {
                expected = Base64.getDecoder().decode(md5.trim());
            } catch (IllegalArgumentException e) {
                throw new S3Error(400, "InvalidDigest", "The Content-MD5 you specified was invalid: " + md5);
            }
            body = new DigestCheckingInputStream(
                    body,
                    digest("MD5"),
                    expected,
                    "BadDigest",
                    "The Content-MD5 you specified did not match what we received.");
        }
        return body;
    }

    private static S3Error refusal(SigV4Verifier.Refusal refusal) {
        return switch (refusal.kind()) {
            case MISSING -> new S3Error(403, "AccessDenied", "Access Denied: " + refusal.message());
            case INCOMPLETE -> new S3Error(400, "AuthorizationHeaderMalformed", refusal.message());
            case UNKNOWN_KEY -> new S3Error(
                    403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
            case EXPIRED -> new S3Error(403, "RequestTimeTooSkewed", refusal.message());
            case MISMATCH -> new S3Error(403, "SignatureDoesNotMatch", refusal.message());
        };
    }

    public static S3Reply error(int status, String code, String message, String resource, String requestId) {
        return S3Reply.xml(
                status,
                S3Xml.DECLARATION + "<Error>" + S3Xml.element("Code", code) + S3Xml.element("Message", message)
                        + S3Xml.element("Resource", resource) + S3Xml.element("RequestId", requestId) + "</Error>");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
