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
        String authorization = first(headers, "authorization");
        if (authorization == null) {
            return refuse(MISSING, "Missing Authentication Token: the request must be signed with AWS Signature V4");
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            return refuse(INCOMPLETE, "The Authorization header is not a complete AWS4-HMAC-SHA256 signature");
        }
        String accessKey = m.group(1);
        String date = m.group(2);
        String region = m.group(3);
        String service = m.group(4);
        List<String> signedHeaders = Arrays.asList(m.group(5).split(";"));
        String secret = secrets.get(accessKey);
        if (secret == null) {
            return refuse(
                    UNRECOGNIZED,
                    "The security token included in the request is invalid: unknown access key " + accessKey);
        }
        String amzDate = first(headers, "x-amz-date");
        Instant at;
        try {
            at = Instant.from(AMZ_DATE.parse(amzDate == null ? "" : amzDate));
        } catch (DateTimeParseException e) {
            return refuse(INCOMPLETE, "The request needs an X-Amz-Date header such as 20150830T123600Z");
        }
        if (!amzDate.startsWith(date) || !signedHeaders.contains("host") || !signedHeaders.contains("x-amz-date")) {
            return refuse(INCOMPLETE, "The signature must cover the host and x-amz-date headers of the request's day");
        }
        if (Duration.between(at, clock.instant()).abs().compareTo(SKEW) > 0) {
            return refuse(
                    INVALID,
                    "Signature expired: " + amzDate + " is more than 15 minutes from the server's time "
                            + AMZ_DATE.format(clock.instant()));
        }
        String payloadHash = hex(sha256(body));
        String declared = first(headers, "x-amz-content-sha256");
        if (declared != null && !declared.equals(payloadHash) && !declared.startsWith("UNSIGNED")) {
            return refuse(INVALID, "The x-amz-content-sha256 header does not match the request body");
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
                return refuse(INCOMPLETE, "The signed header " + name + " is not in the request");
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
            return refuse(
                    INVALID,
                    "The request signature we calculated does not match the signature you provided. Check your AWS"
                            + " Secret Access Key and signing method.");
        }
        return Optional.empty();
    }

    private static String canonicalQuery(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>(Arrays.asList(query.split("&")));
        pairs.replaceAll(p -> p.contains("=") ? p : p + "=");
        pairs.sort(null);
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
