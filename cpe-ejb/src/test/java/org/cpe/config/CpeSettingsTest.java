package org.cpe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.cpe.activity.access.StorageRoots;
import org.cpe.client.ClientDefinition;
import org.junit.jupiter.api.Test;

class CpeSettingsTest {

    @Test
    void defaultsAreTheSingleMachineEmbeddedStack() {
        CpeSettings settings = TestConfig.defaults().read();

        assertThat(settings.roles().enabled()).containsExactlyInAnyOrder(Role.values());
        assertThat(settings.sqs().endpoint()).isEqualTo(Endpoint.EMBEDDED);
        assertThat(settings.swf().endpoint()).isEqualTo(Endpoint.EMBEDDED);
        assertThat(settings.swf().socketTimeout()).isGreaterThanOrEqualTo(Duration.ofSeconds(70));
        assertThat(settings.clients().clients()).containsExactly(ClientDefinition.withDefaultQueues("demo"));
        assertThat(settings.embeddedSqs().host()).isEqualTo("127.0.0.1");
        assertThat(settings.embeddedSqs().port()).isEqualTo(9324);
        assertThat(settings.sqs().deadLetterQueue()).isEqualTo("cpe-dead-letter");
        assertThat(settings.sqs().senders()).isEqualTo(2);
    }

    @Test
    void jobsTouchFilesOnlyUnderTheStorageRootsByDefaultTheFilesFolder() {
        CpeSettings defaults =
                TestConfig.defaults().with("cpe.data-dir", "/srv/cpe").read();
        CpeSettings chosen = TestConfig.defaults()
                .with("cpe.storage.roots", "read:/mnt/in, /srv/out ,overwrite:/srv/scratch")
                .read();

        assertThat(defaults.jobAccess().roots().roots())
                .containsExactly(new StorageRoots.Root(Path.of("/srv/cpe/files"), StorageRoots.Access.OVERWRITE));
        assertThat(chosen.jobAccess().roots().roots())
                .containsExactly(
                        new StorageRoots.Root(Path.of("/mnt/in"), StorageRoots.Access.READ),
                        new StorageRoots.Root(Path.of("/srv/out"), StorageRoots.Access.WRITE),
                        new StorageRoots.Root(Path.of("/srv/scratch"), StorageRoots.Access.OVERWRITE));
        assertThat(TestConfig.defaults()
                        .with("cpe.storage.roots", "none")
                        .read()
                        .jobAccess()
                        .roots()
                        .roots())
                .isEmpty();
        assertThatThrownBy(() -> TestConfig.defaults()
                        .with("cpe.storage.roots", "write:files,delete:/x")
                        .read())
                .hasMessageContaining("cpe.storage.roots (env CPE_STORAGE_ROOTS)")
                .hasMessageContaining("'write:files' is not an absolute folder")
                .hasMessageContaining("'delete:/x' is not an absolute folder");
    }

    @Test
    void jobsReachPublicAddressesOnlyUnlessTheOperatorAllowsMore() throws Exception {
        CpeSettings defaults = TestConfig.defaults().read();
        CpeSettings allowing = TestConfig.defaults()
                .with("cpe.security.outbound-allow", "media.internal:8443, 10.0.0.0/8")
                .read();

        assertThat(defaults.jobAccess().outbound().allowed()).isEmpty();
        assertThat(allowing.jobAccess().outbound().allowed()).containsExactly("media.internal:8443", "10.0.0.0/8");
        assertThat(allowing.jobAccess().outbound().addressesFor(java.net.URI.create("http://10.1.2.3/a")))
                .isNotEmpty();
        assertThatThrownBy(() -> TestConfig.defaults()
                        .with("cpe.security.outbound-allow", "10.0.0.0/99")
                        .read())
                .hasMessageContaining("cpe.security.outbound-allow (env CPE_SECURITY_OUTBOUND_ALLOW) = '10.0.0.0/99'")
                .hasMessageContaining("addresses or blocks");
    }

    @Test
    void senderLoopsOutsideTheirRangeAreRejected() {
        assertThat(TestConfig.defaults()
                        .with("cpe.sqs.senders", "16")
                        .read()
                        .sqs()
                        .senders())
                .isEqualTo(16);
        assertThatThrownBy(TestConfig.defaults().with("cpe.sqs.senders", "17")::read)
                .hasMessageContaining("cpe.sqs.senders (env CPE_SQS_SENDERS) = '17'")
                .hasMessageContaining("a whole number from 1 to 16");
    }

    @Test
    void theSwfEndpointRequiresSignaturesUnlessConfiguredOpen() {
        CpeSettings defaults = TestConfig.defaults().read();
        CpeSettings keyed = TestConfig.defaults()
                .with("cpe.embedded-swf.access-keys", "ops:s3cr3t, ci:other")
                .read();
        CpeSettings open = TestConfig.defaults()
                .with("cpe.embedded-swf.signatures", "open")
                .read();

        assertThat(defaults.embeddedSwf().signaturesRequired()).isTrue();
        assertThat(defaults.embeddedSwf().accessKeys()).isEmpty();
        assertThat(keyed.embeddedSwf().accessKeys())
                .containsEntry("ops", "s3cr3t")
                .containsEntry("ci", "other");
        assertThat(keyed.embeddedSwf().toString()).doesNotContain("s3cr3t");
        assertThat(open.embeddedSwf().signaturesRequired()).isFalse();
        assertThatThrownBy(() -> TestConfig.defaults()
                        .with("cpe.embedded-swf.signatures", "none")
                        .read())
                .hasMessageContaining("cpe.embedded-swf.signatures (env CPE_EMBEDDED_SWF_SIGNATURES) = 'none'");
        assertThatThrownBy(() -> TestConfig.defaults()
                        .with("cpe.embedded-swf.access-keys", "ops")
                        .read())
                .hasMessageContaining("accessKeyId:secretAccessKey")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("'ops'"));
    }

    @Test
    void theS3StoreMakesTheMediaBucketAndRefusesBucketNamesS3DoesNotAllow() {
        CpeSettings defaults = TestConfig.defaults().read();

        assertThat(defaults.roles().isEnabled(Role.EMBEDDED_S3)).isTrue();
        assertThat(defaults.embeddedS3().buckets()).containsExactly("media");
        assertThat(defaults.embeddedS3().signaturesRequired()).isTrue();
        assertThat(TestConfig.defaults()
                        .with("cpe.embedded-s3.buckets", "media, out.example")
                        .with("cpe.embedded-s3.signatures", "open")
                        .read()
                        .embeddedS3())
                .isEqualTo(new EmbeddedS3Settings(java.util.List.of("media", "out.example"), false));
        assertThatThrownBy(() -> TestConfig.defaults()
                        .with("cpe.embedded-s3.buckets", "media,My_Bucket")
                        .read())
                .hasMessageContaining("cpe.embedded-s3.buckets (env CPE_EMBEDDED_S3_BUCKETS)")
                .hasMessageContaining("'My_Bucket'");
        assertThatThrownBy(() -> TestConfig.defaults()
                        .with("cpe.embedded-s3.signatures", "none")
                        .read())
                .hasMessageContaining("cpe.embedded-s3.signatures (env CPE_EMBEDDED_S3_SIGNATURES) = 'none'");
    }

    @Test
    void apiUsersAreReadWithTheirRolesAndTheirSecretsStayOutOfLogs() {
        String hash = org.cpe.client.PasswordHash.hash("pw".toCharArray());
        CpeSettings defaults = TestConfig.defaults().read();
        CpeSettings configured = TestConfig.defaults()
                .with("cpe.security.users", "ops:operator:" + hash + ", eve:reader:plain:with:colons")
                .with("cpe.security.api-access", "open-local")
                .read();

        assertThat(defaults.security().users()).isEmpty();
        assertThat(defaults.security().openLocal()).isFalse();
        assertThat(configured.security().openLocal()).isTrue();
        assertThat(configured.security().users())
                .extracting(SecuritySettings.ApiUser::name, SecuritySettings.ApiUser::role)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ops", SecuritySettings.ApiRole.OPERATOR),
                        org.assertj.core.groups.Tuple.tuple("eve", SecuritySettings.ApiRole.READER));
        assertThat(configured.security().users().get(1).secret()).isEqualTo("plain:with:colons");
        assertThat(configured.security().toString()).doesNotContain(hash, "plain:with");
    }

    @Test
    void badApiUsersAndAccessAreNamed() {
        TestConfig config = TestConfig.defaults()
                .with(
                        "cpe.security.users",
                        "ops:admin:pw, nopassword:reader, x:reader:PBKDF2WithHmacSHA256:1:2, a:reader:1,a:reader:2")
                .with("cpe.security.api-access", "anyone");

        assertThatThrownBy(config::read)
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("gives the user ops the unknown role admin")
                .hasMessageContaining("has an entry that is not name:role:password")
                .hasMessageContaining("has a malformed password hash for x")
                .hasMessageContaining("names the user a twice")
                .hasMessageContaining("cpe.security.api-access (env CPE_SECURITY_API_ACCESS) = 'anyone'")
                .hasMessageNotContaining("pw,");
    }

    @Test
    void unknownRoleStopsStartupNamingKeyValueAndAllowedRoles() {
        TestConfig config = TestConfig.defaults().with("cpe.roles", "decider,deciderr");

        assertThatThrownBy(config::read)
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("cpe.roles (env CPE_ROLES) = 'decider,deciderr'")
                .hasMessageContaining("unknown role 'deciderr'")
                .hasMessageContaining(
                        "input-poller, decider, activity-poller, embedded-sqs, embedded-swf, embedded-s3");
    }

    @Test
    void rolesListOfOnlyCommasNamesNoRoleEvenBesideOtherProblems() {
        TestConfig config =
                TestConfig.defaults().with("cpe.roles", ",,").with("cpe.config.file", "/nowhere/site.properties");

        assertThatThrownBy(config::read)
                .hasMessageContaining("cpe.roles (env CPE_ROLES) = ',,': names no role")
                .hasMessageContaining("cpe.config.file");
    }

    @Test
    void malformedEndpointUrlIsRejectedWithWhatIsAllowed() {
        TestConfig config = TestConfig.defaults().with("cpe.sqs.endpoint", "http//127.0.0.1:9324");

        assertThatThrownBy(config::read)
                .hasMessageContaining("cpe.sqs.endpoint (env CPE_SQS_ENDPOINT) = 'http//127.0.0.1:9324'")
                .hasMessageContaining("'embedded', 'aws', or an http(s) URL");
    }

    @Test
    void urlWithUnsupportedSchemeIsRejected() {
        assertThatThrownBy(() -> TestConfig.defaults()
                        .with("cpe.swf.endpoint", "ftp://host/swf")
                        .read())
                .hasMessageContaining("cpe.swf.endpoint")
                .hasMessageContaining("is not an http(s) URL with a host");
    }

    @Test
    void negativeCountIsRejected() {
        TestConfig config = TestConfig.defaults().with("cpe.embedded-sqs.max-receive-count", "-3");

        assertThatThrownBy(config::read)
                .hasMessageContaining(
                        "cpe.embedded-sqs.max-receive-count (env CPE_EMBEDDED_SQS_MAX_RECEIVE_COUNT) = '-3'")
                .hasMessageContaining("must not be negative")
                .hasMessageContaining("a whole number from 1 to 1000");
    }

    @Test
    void everyProblemIsReportedInOneMessage() {
        TestConfig config = TestConfig.defaults()
                .with("cpe.roles", "bogus")
                .with("cpe.embedded-sqs.port", "70000")
                .with("cpe.shutdown.timeout-seconds", "soon");

        assertThatThrownBy(config::read)
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::key)
                        .containsExactly("cpe.roles", "cpe.embedded-sqs.port", "cpe.shutdown.timeout-seconds"))
                .hasMessageStartingWith("Invalid CPE configuration (3 problems):");
    }

    @Test
    void pollerWithEmbeddedEndpointNeedsTheEmbeddedServiceInTheSameServer() {
        TestConfig config = TestConfig.defaults().with("cpe.roles", "decider");

        assertThatThrownBy(config::read)
                .hasMessageContaining("cpe.sqs.endpoint (env CPE_SQS_ENDPOINT) = 'embedded'")
                .hasMessageContaining("add embedded-sqs to cpe.roles")
                .hasMessageContaining("cpe.swf.endpoint (env CPE_SWF_ENDPOINT) = 'embedded'");
    }

    @Test
    void deciderAloneRunsAgainstRemoteEndpoints() {
        CpeSettings settings = TestConfig.defaults()
                .with("cpe.roles", "decider")
                .with("cpe.sqs.endpoint", "http://services:9324")
                .with("cpe.swf.endpoint", "https://services:8443/swf")
                .read();

        assertThat(settings.roles().enabled()).containsExactly(Role.DECIDER);
        assertThat(settings.sqs().endpoint().url()).hasToString("http://services:9324");
    }

    @Test
    void awsNeedsASocketTimeoutAboveTheLongPoll() {
        TestConfig config = TestConfig.defaults()
                .with("cpe.roles", "decider")
                .with("cpe.sqs.endpoint", "aws")
                .with("cpe.swf.endpoint", "aws")
                .with("cpe.swf.socket-timeout-seconds", "30");

        assertThatThrownBy(config::read)
                .hasMessageContaining("cpe.swf.socket-timeout-seconds")
                .hasMessageContaining("at least 70 when cpe.swf.endpoint is aws");
    }

    @Test
    void clientQueuesDefaultToTheClientNameAndCanBeUrls() {
        CpeSettings settings = TestConfig.defaults()
                .with("cpe.clients", "demo, acme")
                .with("cpe.clients.acme.queues.input", "https://sqs.eu-west-1.amazonaws.com/1/acme-in")
                .read();

        assertThat(settings.clients().clients())
                .containsExactly(
                        ClientDefinition.withDefaultQueues("demo"),
                        new ClientDefinition("acme", "https://sqs.eu-west-1.amazonaws.com/1/acme-in", "acme-output"));
    }

    @Test
    void badClientQueueNamesTheClientSpecificKey() {
        assertThatThrownBy(() -> TestConfig.defaults()
                        .with("cpe.clients.demo.queues.output", "demo output")
                        .read())
                .hasMessageContaining(
                        "cpe.clients.demo.queues.output (env CPE_CLIENTS_DEMO_QUEUES_OUTPUT) = 'demo output'");
    }

    @Test
    void missingConfigFileIsAProblem() {
        assertThatThrownBy(() -> TestConfig.defaults()
                        .with("cpe.config.file", "/nowhere/aws.properties")
                        .read())
                .hasMessageContaining("cpe.config.file (env CPE_CONFIG_FILE) = '/nowhere/aws.properties'")
                .hasMessageContaining("is not a readable file");
    }

    @Test
    void theShippedEnvironmentFilesAreValid() {
        Path config = Path.of("..", "config");

        CpeSettings local = TestConfig.defaults()
                .withFile(config.resolve("local.properties"))
                .read();
        CpeSettings aws =
                TestConfig.defaults().withFile(config.resolve("aws.properties")).read();

        assertThat(local.roles().enabled()).containsExactlyInAnyOrder(Role.values());
        assertThat(aws.roles().enabled()).doesNotContain(Role.EMBEDDED_SQS, Role.EMBEDDED_SWF);
        assertThat(aws.sqs().endpoint()).isEqualTo(Endpoint.AWS);
        assertThat(aws.swf().endpoint()).isEqualTo(Endpoint.AWS);
    }

    @Test
    void exitOnFailureIsReadLenientlySinceItDecidesHowToFail() {
        assertThat(CpeSettings.exitOnFailure(TestConfig.defaults().lookup())).isFalse();
        assertThat(CpeSettings.exitOnFailure(TestConfig.defaults()
                        .with(CpeSettings.EXIT_ON_FAILURE_KEY, "TRUE")
                        .lookup()))
                .isTrue();
        assertThat(CpeSettings.exitOnFailure(key -> {
                    throw new IllegalStateException("broken source");
                }))
                .isFalse();
    }
}
