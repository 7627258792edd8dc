package org.cpe.swf.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.SwfException;

/** Signature V4 as the AWS SDK v2 signs requests: the endpoint answers signed ones and refuses the rest as AWS does. */
class SigV4VerifierTest {

    private static final Map<String, String> KEYS = Map.of("cpe-local", "cpe-local", "ops", "s3cr3t");
    private static SwfHttpServer server;

    @BeforeAll
    static void start() throws IOException {
        server = new SwfHttpServer(
                        new SwfJsonProtocol(new FakeSwfClient()), new InetSocketAddress("127.0.0.1", 0), "/swf")
                .requireSignatures(new SigV4Verifier(KEYS, Clock.systemUTC()))
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theSdkSignedWithAnAcceptedKeyIsAnswered() {
        try (SwfClient swf = client("ops", "s3cr3t")) {
            String name = "signed-" + UUID.randomUUID();
            swf.registerDomain(r -> r.name(name).workflowExecutionRetentionPeriodInDays("1"));

            assertThat(swf.describeDomain(r -> r.name(name)).domainInfo().name())
                    .isEqualTo(name);
        }
    }

    @Test
    void aWrongSecretIsRefusedWithInvalidSignature() {
        try (SwfClient swf = client("ops", "not-the-secret")) {
            SwfException refused = catchThrowableOfType(
                    SwfException.class, () -> swf.listDomains(r -> r.registrationStatus("REGISTERED")));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
        }
    }

    @Test
    void anUnknownAccessKeyIsRefusedAsAnUnrecognizedClient() {
        try (SwfClient swf = client("stranger", "cpe-local")) {
            SwfException refused = catchThrowableOfType(
                    SwfException.class, () -> swf.listDomains(r -> r.registrationStatus("REGISTERED")));

            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(refused.awsErrorDetails().errorMessage()).contains("stranger");
        }
    }

    @Test
    void aTamperedBodyOrAnOldSignatureOrNoSignatureIsRefused() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        SigV4Verifier verifier = new SigV4Verifier(KEYS, Clock.fixed(now, ZoneOffset.UTC));
        byte[] body = "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = signed(body, now);

        assertThat(verifier.check("POST", "/swf", null, headers, body)).isEmpty();
        assertThat(type(verifier.check(
                        "POST", "/swf", null, headers, "{\"name\":\"y\"}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(SigV4Verifier.INVALID);
        assertThat(type(new SigV4Verifier(KEYS, Clock.fixed(now.plus(Duration.ofMinutes(16)), ZoneOffset.UTC))
                        .check("POST", "/swf", null, headers, body)))
                .isEqualTo(SigV4Verifier.INVALID);
        assertThat(type(verifier.check("POST", "/swf", null, Map.of(), body))).isEqualTo(SigV4Verifier.MISSING);
        assertThat(type(verifier.check(
                        "POST", "/swf", null, Map.of("authorization", List.of("AWS4-HMAC-SHA256 nonsense")), body)))
                .isEqualTo(SigV4Verifier.INCOMPLETE);
    }

    /** The headers of a request the SDK's own signer signed at {@code at}, by lower-case name. */
    private static Map<String, List<String>> signed(byte[] body, Instant at) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:8080/swf"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "SimpleWorkflowService.ListDomains")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create("cpe-local", "cpe-local"))
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "swf")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        Map<String, List<String>> headers = new TreeMap<>();
        signed.request().headers().forEach((name, values) -> headers.put(name.toLowerCase(), values));
        headers.put("host", List.of("127.0.0.1:8080"));
        return headers;
    }

    private static String type(Optional<Reply> reply) {
        assertThat(reply).isPresent();
        String body = new String(reply.get().body(), StandardCharsets.UTF_8);
        return body.substring(body.indexOf("com.amazon.coral"), body.indexOf('"', body.indexOf("com.amazon.coral")));
    }

    private static SwfClient client(String accessKey, String secret) {
        return SwfClient.builder()
                .endpointOverride(server.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
