package org.cpe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What other machines can reach is checked at start: no well-known secret beyond loopback, no open-local there. */
class ExposureCheckTest {

    private static final String OWN_KEY_ID = "ops-key";
    private static final String OWN_SECRET = "a-secret-of-our-own";

    @Test
    void thePackagedDefaultsAloneAreRefusedSinceTheServerMayListenBeyondLoopback() {
        assertThatThrownBy(TestConfig.packaged()::read)
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("cpe.aws.local-secret-access-key (env CPE_AWS_LOCAL_SECRET_ACCESS_KEY) ="
                        + " 'cpe-local': is the well-known secret 'cpe-local' (of access key cpe-local)")
                .hasMessageContaining("it opens /swf (role embedded-swf) and /s3 (role embedded-s3) on the HTTP"
                        + " listener (cpe.http.host is not set, so CPE cannot tell where the server binds), which other"
                        + " machines may reach")
                .hasMessageContaining("CPE_AWS_LOCAL_ACCESS_KEY_ID and CPE_AWS_LOCAL_SECRET_ACCESS_KEY")
                .hasMessageContaining("CPE_EMBEDDED_SWF_ACCESS_KEYS")
                .hasMessageContaining("bin/cpe-server --host 127.0.0.1, which sets cpe.http.host")
                .hasMessageContaining("cpe.security.allow-well-known-secrets=true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"})
    void aListenerDeclaredOnLoopbackStartsWithTheDefaultKeyAndOpenLocal(String host) {
        CpeSettings settings = TestConfig.packaged()
                .with("cpe.http.host", host)
                .with("cpe.security.api-access", "open-local")
                .with("cpe.embedded-swf.signatures", "open")
                .with("cpe.embedded-s3.signatures", "open")
                .read();

        assertThat(settings.http().beyondLoopback()).isFalse();
        assertThat(settings.security().openLocal()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.10", "cpe.example.com"})
    void aListenerBeyondLoopbackRefusesTheDefaultKey(String host) {
        assertThatThrownBy(
                        () -> TestConfig.defaults().with("cpe.http.host", host).read())
                .hasMessageContaining(
                        "cpe.aws.local-secret-access-key (env CPE_AWS_LOCAL_SECRET_ACCESS_KEY) = 'cpe-local'")
                .hasMessageContaining("/swf (role embedded-swf) and /s3 (role embedded-s3) on the HTTP listener"
                        + " (cpe.http.host = '" + host + "')");
    }

    @Test
    void ownKeysOpenTheWayBeyondLoopback() {
        CpeSettings ownLocalKey = exposed()
                .with("cpe.aws.local-access-key-id", OWN_KEY_ID)
                .with("cpe.aws.local-secret-access-key", OWN_SECRET)
                .read();
        CpeSettings acceptedKeys = exposed()
                .with("cpe.embedded-swf.access-keys", OWN_KEY_ID + ":" + OWN_SECRET + ",ci:another-secret")
                .read();

        assertThat(ownLocalKey.acceptedAccessKeys()).containsExactly(java.util.Map.entry(OWN_KEY_ID, OWN_SECRET));
        assertThat(acceptedKeys.acceptedAccessKeys()).containsEntry("ci", "another-secret");
    }

    @Test
    void theWellKnownSecretAmongTheAcceptedKeysIsNamedWithoutShowingTheOthers() {
        assertThatThrownBy(() -> exposed()
                        .with("cpe.embedded-swf.access-keys", OWN_KEY_ID + ":" + OWN_SECRET + ",legacy:cpe-local")
                        .read())
                .hasMessageContaining("cpe.embedded-swf.access-keys (env CPE_EMBEDDED_SWF_ACCESS_KEYS) = '(hidden)':"
                        + " is the well-known secret 'cpe-local' (of access key legacy)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(OWN_SECRET));
    }

    @Test
    void onlyTheEndpointsThisServerRunsCount() {
        assertThatThrownBy(() -> exposed().with("cpe.roles", "embedded-swf").read())
                .hasMessageContaining("/swf (role embedded-swf")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("/s3"));
        assertThatThrownBy(() -> exposed().with("cpe.roles", "embedded-s3").read())
                .hasMessageContaining("/s3 (role embedded-s3")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("/swf"));
        // A worker only sends the key: another server's endpoints decide what they accept.
        CpeSettings worker = exposed()
                .with("cpe.roles", "activity-poller")
                .with("cpe.sqs.endpoint", "http://services-host:9324")
                .with("cpe.swf.endpoint", "http://services-host:8080/swf")
                .read();
        assertThat(worker.http().beyondLoopback()).isTrue();
    }

    @Test
    void openSignaturesBeyondLoopbackAreRefusedEvenWithOwnKeys() {
        assertThatThrownBy(() -> withOwnKey(exposed())
                        .with("cpe.embedded-swf.signatures", "open")
                        .with("cpe.embedded-s3.signatures", "open")
                        .read())
                .hasMessageContaining("(2 problems)")
                .hasMessageContaining("cpe.embedded-swf.signatures (env CPE_EMBEDDED_SWF_SIGNATURES) = 'open': lets"
                        + " anyone who reaches the HTTP listener use /swf")
                .hasMessageContaining("cpe.embedded-s3.signatures (env CPE_EMBEDDED_S3_SIGNATURES) = 'open': lets"
                        + " anyone who reaches the HTTP listener use /s3")
                .hasMessageContaining("cpe.http.host = '0.0.0.0'")
                .hasMessageContaining("cpe.security.allow-well-known-secrets=true");
    }

    @Test
    void anEmbeddedSqsBeyondLoopbackRefusesTheDefaultKeyButNotOwnKeys() {
        TestConfig sqsExposed = TestConfig.defaults().with("cpe.embedded-sqs.host", "0.0.0.0");

        assertThatThrownBy(sqsExposed::read)
                .hasMessageContaining(
                        "cpe.aws.local-secret-access-key (env CPE_AWS_LOCAL_SECRET_ACCESS_KEY) = 'cpe-local'")
                .hasMessageContaining("it opens the embedded SQS (cpe.embedded-sqs.host = '0.0.0.0'), which other"
                        + " machines may reach")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("/swf"));
        assertThat(withOwnKey(sqsExposed).read().embeddedSqs().beyondLoopback()).isTrue();
        assertThat(TestConfig.defaults()
                        .with("cpe.embedded-sqs.host", "0.0.0.0")
                        .with("cpe.roles", "embedded-swf")
                        .read()
                        .embeddedSqs()
                        .beyondLoopback())
                .isTrue();
    }

    @Test
    void theEmbeddedSqsSignaturesAreRequiredBeyondLoopbackOrWhereverTheOperatorAsks() {
        TestConfig sqsExposed = withOwnKey(TestConfig.defaults().with("cpe.embedded-sqs.host", "0.0.0.0"));

        assertThat(sqsExposed.read().embeddedSqs().signaturesRequired()).isTrue();
        assertThat(TestConfig.defaults().read().embeddedSqs().signaturesRequired())
                .isFalse();
        assertThat(TestConfig.defaults()
                        .with("cpe.embedded-sqs.signatures", "sigv4")
                        .read()
                        .embeddedSqs()
                        .signaturesRequired())
                .isTrue();
        assertThatThrownBy(() ->
                        sqsExposed.with("cpe.embedded-sqs.signatures", "open").read())
                .hasMessageContaining("cpe.embedded-sqs.signatures (env CPE_EMBEDDED_SQS_SIGNATURES) = 'open'")
                .hasMessageContaining("read, send to and delete every queue without a key");
        assertThat(sqsExposed
                        .with("cpe.embedded-sqs.signatures", "open")
                        .with("cpe.security.allow-well-known-secrets", "true")
                        .read()
                        .embeddedSqs()
                        .signaturesRequired())
                .isFalse();
        assertThatThrownBy(() -> TestConfig.defaults()
                        .with("cpe.embedded-sqs.signatures", "none")
                        .read())
                .hasMessageContaining("'auto' (signed by an accepted key when the embedded SQS listens beyond"
                        + " loopback), 'sigv4' (always) or 'open' (never)");
    }

    @Test
    void theOperatorMayAcceptTheWellKnownSecretKnowingly() {
        CpeSettings settings = exposed()
                .with("cpe.embedded-sqs.host", "0.0.0.0")
                .with("cpe.embedded-swf.signatures", "open")
                .with("cpe.security.allow-well-known-secrets", "true")
                .read();

        assertThat(settings.security().allowWellKnownSecrets()).isTrue();
        assertThat(TestConfig.packaged()
                        .with("cpe.security.allow-well-known-secrets", "true")
                        .read()
                        .embeddedS3()
                        .signaturesRequired())
                .isTrue();
    }

    @Test
    void openLocalIsRefusedWhereTheListenerMayBeReachedWithNoWayAround() {
        TestConfig beyond = withOwnKey(exposed())
                .with("cpe.security.api-access", "open-local")
                .with("cpe.security.allow-well-known-secrets", "true");
        TestConfig unknown = withOwnKey(TestConfig.packaged()).with("cpe.security.api-access", "open-local");

        assertThatThrownBy(beyond::read)
                .hasMessageContaining("Invalid CPE configuration: cpe.security.api-access (env CPE_SECURITY_API_ACCESS)"
                        + " = 'open-local': admits requests from this machine without credentials, but the HTTP"
                        + " listener may be reachable from other machines (cpe.http.host = '0.0.0.0')")
                .hasMessageContaining("Allowed: 'authenticated'; or run the server on loopback and say so:"
                        + " bin/cpe-server --host 127.0.0.1");
        assertThatThrownBy(unknown::read)
                .hasMessageContaining("cpe.http.host is not set, so CPE cannot tell where the server binds");
    }

    @Test
    void everyExposureProblemIsInTheOneMessage() {
        assertThatThrownBy(() -> exposed()
                        .with("cpe.security.api-access", "open-local")
                        .with("cpe.embedded-s3.signatures", "open")
                        .read())
                .hasMessageContaining("(3 problems)")
                .hasMessageContaining("cpe.security.api-access")
                .hasMessageContaining("cpe.embedded-s3.signatures")
                .hasMessageContaining("cpe.aws.local-secret-access-key");
    }

    @Test
    void localHostsAreNamesWithoutPortsInLowerCase() {
        assertThat(TestConfig.defaults().read().security().localHosts())
                .containsExactly("localhost", "127.0.0.1", "::1");
        assertThat(TestConfig.defaults()
                        .with("cpe.security.local-hosts", "[::1], CPE-Box.example ,localhost")
                        .read()
                        .security()
                        .localHosts())
                .containsExactly("::1", "cpe-box.example", "localhost");
        assertThatThrownBy(() -> TestConfig.defaults()
                        .with("cpe.security.local-hosts", "localhost:8080")
                        .read())
                .hasMessageContaining("cpe.security.local-hosts (env CPE_SECURITY_LOCAL_HOSTS) = 'localhost:8080':"
                        + " names 'localhost:8080', which is not a host name or address without a port");
    }

    /** The defaults with the HTTP listener on every interface. */
    private static TestConfig exposed() {
        return TestConfig.defaults().with("cpe.http.host", "0.0.0.0");
    }

    private static TestConfig withOwnKey(TestConfig config) {
        return config.with("cpe.aws.local-access-key-id", OWN_KEY_ID)
                .with("cpe.aws.local-secret-access-key", OWN_SECRET);
    }
}
