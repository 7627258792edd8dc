package org.cpe.swf.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an HTTP request's AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 ...}) against the access
 * keys this service accepts, as AWS checks it: the canonical request over the signed headers and the body's SHA-256,
 * the key derived from the secret, the date, region and service of the credential scope, and a request time within
 * 15 minutes. A request that fails is answered as AWS answers it: HTTP 400 with the AWS JSON error type.
 */
public final class SigV4Verifier {

    static final String MISSING = "com.amazon.coral.service#MissingAuthenticationTokenException";
    static final String INCOMPLETE = "com.amazon.coral.service#IncompleteSignatureException";
    static final String UNRECOGNIZED = "com.amazon.coral.service#UnrecognizedClientException";
    static final String INVALID = "com.amazon.coral.service#InvalidSignatureException";

    private static final Duration SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,"
                    + "\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");

    private final Map<String, String> secrets;
    private final Clock clock;

    /** @param secrets the secret access key of each accepted access key id */
    public SigV4Verifier(Map<String, String> secrets, Clock clock) {
        this.secrets = Map.copyOf(secrets);
        this.clock = clock;
    }

    /**
     * The error reply for a request whose signature does not hold, or empty when it holds. {@code headers} are the
     * request's headers by lower-case name; {@code path} is the raw (still encoded) request path, {@code query} the raw
     * query string or null.
     */
    public Optional<Reply> check(
            String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        String payloadHash = hex(sha256(body));
        String declared = first(headers, "x-amz-content-sha256");
        if (declared != null && !declared.equals(payloadHash) && !declared.startsWith("UNSIGNED")) {
            return refuse(INVALID, "The x-amz-content-sha256 header does not match the request body");
        }
        Verdict verdict = verify(method, path, query, headers, payloadHash);
        return verdict.refused()
                ? refuse(verdict.refusal().type(), verdict.refusal().message())
                : Optional.empty();
    }

    /**
     * Whether the request's signature holds for a body whose SHA-256 is {@code payloadHash} (in hex, or the literal
     * the client signed instead, such as {@code UNSIGNED-PAYLOAD}; the caller checks the body against it). A service
     * that answers in another format than AWS JSON maps the refusal's {@link Refusal#kind()} to its own errors.
     */
    public Verdict verify(
            String method, String path, String query, Map<String, List<String>> headers, String payloadHash) {
        String authorization = first(headers, "authorization");
        if (authorization == null) {
            return Verdict.refuse(
                    Refusal.Kind.MISSING,
                    "Missing Authentication Token: the request must be signed with AWS Signature V4");
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            return Verdict.refuse(
                    Refusal.Kind.INCOMPLETE, "The Authorization header is not a complete AWS4-HMAC-SHA256 signature");
        }
        String accessKey = m.group(1);
        String date = m.group(2);
        String region = m.group(3);
        String service = m.group(4);
        List<String> signedHeaders = Arrays.asList(m.group(5).split(";"));
        String secret = secrets.get(accessKey);
        if (secret == null) {
            return Verdict.refuse(
                    Refusal.Kind.UNKNOWN_KEY,
                    "The security token included in the request is invalid: unknown access key " + accessKey);
        }
        String amzDate = first(headers, "x-amz-date");
        Instant at;
        try {
            at = Instant.from(AMZ_DATE.parse(amzDate == null ? "" : amzDate));
        } catch (DateTimeParseException e) {
            return Verdict.refuse(
                    Refusal.Kind.INCOMPLETE, "The request needs an X-Amz-Date header such as 20150830T123600Z");
        }
        if (!amzDate.startsWith(date) || !signedHeaders.contains("host") || !signedHeaders.contains("x-amz-date")) {
            return Verdict.refuse(
                    Refusal.Kind.INCOMPLETE,
                    "The signature must cover the host and x-amz-date headers of the request's day");
        }
        if (Duration.between(at, clock.instant()).abs().compareTo(SKEW) > 0) {
            return Verdict.refuse(
                    Refusal.Kind.EXPIRED,
                    "Signature expired: " + amzDate + " is more than 15 minutes from the server's time "
                            + AMZ_DATE.format(clock.instant()));
        }
        StringBuilder canonical = new StringBuilder()
                .append(method)
                .append('\n')
                .append(path == null || path.isEmpty() ? "/" : path)
                .append('\n')
                .append(canonicalQuery(query))
                .append('\n');
        for (String name : signedHeaders) {
            List<String> values = headers.get(name);
            if (values == null) {
                return Verdict.refuse(Refusal.Kind.INCOMPLETE, "The signed header " + name + " is not in the request");
            }
            List<String> trimmed = new ArrayList<>();
            values.forEach(v -> trimmed.add(v.trim().replaceAll("\\s+", " ")));
            canonical.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        canonical
                .append('\n')
                .append(String.join(";", signedHeaders))
                .append('\n')
                .append(payloadHash);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        byte[] expected = hmac(key, toSign);
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(m.group(6)))) {
            return Verdict.refuse(
                    Refusal.Kind.MISMATCH,
                    "The request signature we calculated does not match the signature you provided. Check your AWS"
                            + " Secret Access Key and signing method.");
        }
        return new Verdict(null, new Signed(m.group(6), amzDate, scope, key));
    }

    /** Why a signature does not hold: the kind, which each protocol names its own way, and a message. */
    public record Refusal(Kind kind, String message) {

        /** The ways a signature fails, as AWS distinguishes them. */
        public enum Kind {
            MISSING(SigV4Verifier.MISSING),
            INCOMPLETE(SigV4Verifier.INCOMPLETE),
            UNKNOWN_KEY(UNRECOGNIZED),
            EXPIRED(INVALID),
            MISMATCH(INVALID);

            private final String jsonType;

            Kind(String jsonType) {
                this.jsonType = jsonType;
            }
        }

        String type() {
            return kind.jsonType;
        }
    }

    /**
     * A signature that holds: what a streaming upload's chunk signatures chain from ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}).
     */
    public record Signed(String signature, String amzDate, String scope, byte[] signingKey) {

        /**
         * The signature of the next chunk of a signed streaming upload, given the previous chunk's signature (the
         * seed's for the first) and the chunk's data hash in hex.
         */
        public String chunkSignature(String previous, String chunkHash) {
            String toSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                    + hex(sha256(new byte[0])) + "\n" + chunkHash;
            return hex(hmac(signingKey, toSign));
        }
    }

    /** The outcome of {@link #verify}: either a refusal or the signature that holds. */
    public record Verdict(Refusal refusal, Signed signed) {

        static Verdict refuse(Refusal.Kind kind, String message) {
            return new Verdict(new Refusal(kind, message), null);
        }

        public boolean refused() {
            return refusal != null;
        }
    }

    private static String canonicalQuery(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>(Arrays.asList(query.split("&")));
        pairs.replaceAll(p -> p.contains("=") ? p : p + "=");
        // By name, then value: a plain sort of "name=value" would put "a-b=1" before "a=1".
        pairs.sort(Comparator.comparing((String p) -> p.substring(0, p.indexOf('=')))
                .thenComparing(p -> p.substring(p.indexOf('=') + 1)));
        return String.join("&", pairs);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Optional<Reply> refuse(String type, String message) {
        return Optional.of(ErrorReplies.of(400, type, message, UUID.randomUUID().toString()));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes).toLowerCase(Locale.ROOT);
    }
}
