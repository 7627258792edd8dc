package org.cpe.ear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EAR on a fresh WildFly 37 standalone server, configured as {@code src/test/wildfly/configure-cpe.cli} says: it
 * deploys, runs every role, and runs the sample job.
 */
class EarOnWildFlyIT {

    /** The ports of standalone.xml's socket bindings, before the offset: ajp, http, https, management, txn. */
    private static final int[] PORTS = {8009, 8080, 8443, 9990, 9993, 4712, 4713};

    private static final Path EAR = Path.of(System.getProperty("cpe.ear"));
    private static final Path REPORTS = EAR.resolveSibling("wildfly-it");

    private static Path work;
    private static Path dataDir;
    private static WildFlyServer server;
    private static DeployedCpe cpe;
    private static int managementPort;

    @BeforeAll
    static void startServerWithTheEar() throws Exception {
        work = Files.createTempDirectory("cpe-it-wildfly");
        dataDir = Files.createTempDirectory("cpe-it-data");
        Fixtures.deleteRecursively(REPORTS);
        Files.createDirectories(REPORTS);
        server = new WildFlyServer(
                Path.of(System.getProperty("wildfly.home")),
                work.resolve("standalone"),
                REPORTS,
                // CPE_HTTP_HOST declares where WildFly listens (-b 127.0.0.1, see WildFlyServer.start). The embedded
                // SQS checks signatures, as it does beyond loopback, so the sample job shows its front (the JDK's
                // HTTP server) works in this server too.
                Map.of(
                        "CPE_HTTP_HOST", "127.0.0.1",
                        "CPE_EMBEDDED_SQS_SIGNATURES", "sigv4",
                        "CPE_EMBEDDED_SQS_PORT", "0",
                        "CPE_DATA_DIR", dataDir.toString(),
                        "AWS_EC2_METADATA_DISABLED", "true"));

        assertThat(server.configure(Path.of(System.getProperty("wildfly.cli"))))
                .as(() -> "jboss-cli exit code; its log ends with:\n"
                        + Fixtures.tail(REPORTS.resolve("jboss-cli.log"), 40))
                .isZero();
        server.deploy(EAR);
        int offset = freePortOffset();
        cpe = new DeployedCpe(8080 + offset, dataDir);
        managementPort = 9990 + offset;
        server.start(offset);

        String outcome = server.awaitDeployment(EAR.getFileName().toString(), Duration.ofMinutes(3));
        assertThat(outcome)
                .as(() -> "deployment of the EAR; the server log ends with:\n" + Fixtures.tail(server.serverLog(), 80))
                .isEqualTo("deployed");
    }

    @AfterAll
    static void stopServerAndDeleteFolders() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            Fixtures.deleteRecursively(work);
            Fixtures.deleteRecursively(dataDir);
        }
    }

    @Test
    void earDeploysAndReportsEveryRoleRunning() throws Exception {
        awaitEveryRoleRunning();

        // WildFly serves MicroProfile Health on its management interface, and does not collect the checks of an EAR's
        // modules (WFLY-12835): its readiness shows the deployment's status, the roles show in /api/roles.
        HttpResponse<String> ready = DeployedCpe.get(managementPort, "/health/ready", null);
        assertThat(ready.statusCode()).as("GET /health/ready: %s", ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"", "\"cpe.ear\":\"OK\"");

        HttpResponse<String> anonymous = cpe.get("/api/roles");
        assertThat(anonymous.statusCode())
                .as("GET /api/roles without credentials")
                .isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error\":\"UNAUTHENTICATED\"");
        HttpResponse<String> roles = cpe.getAsAdmin("/api/roles");
        assertThat(roles.body())
                .as("the built-in activities, found by CDI in the EAR's lib/")
                .contains("Checksum 1 on Checksum-1", "Test 1 on Test-1");
        HttpResponse<String> openApi = cpe.get("/openapi");
        assertThat(openApi.statusCode()).as("GET /openapi").isEqualTo(200);
        assertThat(openApi.body()).contains("/api/roles");
    }

    @Test
    void sampleJobRunsToCompletionThroughTheDemoClientsQueues() throws Exception {
        awaitEveryRoleRunning();

        new SampleJob().runsToCompletion(cpe.embeddedSqsEndpoint(), Duration.ofSeconds(90));
    }

    private static void awaitEveryRoleRunning() {
        try {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .untilAsserted(() -> assertThat(cpe.roleStates())
                            .containsAllEntriesOf(DeployedCpe.ROLES.stream()
                                    .collect(Collectors.toMap(role -> role, role -> "RUNNING"))));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    e.getMessage() + "\n--- end of " + server.serverLog() + " ---\n"
                            + Fixtures.tail(server.serverLog(), 80),
                    e);
        }
    }

    private static int freePortOffset() {
        for (int attempt = 0; attempt < 10; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(10000, 50001);
            if (IntStream.of(PORTS).allMatch(port -> Fixtures.isFree(port + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("No port offset in 10000-50000 with all its ports free after 10 attempts");
    }
}
