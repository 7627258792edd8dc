package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;
import software.amazon.awssdk.services.swf.model.SwfException;

/**
 * {@code bin/cpe-server}, the Quick start's way to run the stack, as a user runs it: a separate process that
 * becomes ready with every role, stops on Ctrl-C, and refuses a bad configuration with one clear message.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("cpe.launcher"));
    private static final Path CLI = Path.of(System.getProperty("cpe.cli"));
    private static final Path SAMPLES = Path.of(System.getProperty("cpe.samples"));
    private static final List<String> ROLES =
            List.of("input-poller", "decider", "activity-poller", "embedded-sqs", "embedded-swf", "embedded-s3");

    @TempDir
    Path dataDir;

    private Process server;
    private Path output;

    @AfterEach
    void stopServer() {
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
        }
    }

    @Test
    void startsEveryRoleOnTheEmbeddedDefaultRunsTheDemoJobAndStopsOnCtrlC() throws Exception {
        int port = freePort();
        int sqsPort = freePort();
        // A per-environment file in the place of config/local.properties: its client must get its queues.
        Path config = dataDir.resolve("site.properties");
        Files.writeString(config, "cpe.clients=demo,acme\n");
        start(port, Map.of("CPE_CONFIG_FILE", config.toString(), "CPE_EMBEDDED_SQS_PORT", Integer.toString(sqsPort)));

        URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
        Http.Response response = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Http.get(ready), r -> r.status() == 200 || !server.isAlive());
        assertThat(response.status())
                .as("readiness, server output:%n%s", tail())
                .isEqualTo(200);
        ROLES.forEach(role -> assertThat(response.body()).contains(Http.roleState(role, "RUNNING")));
        assertThat(Http.get(URI.create("http://127.0.0.1:" + port + "/")).body())
                .contains("Cloud Processing Engine");
        // No API user configured: the console's operator 'admin' has the password the server wrote to the data folder.
        String password = Files.readString(dataDir.resolve("data").resolve("admin-password"))
                .trim();
        URI me = URI.create("http://127.0.0.1:" + port + "/api/me");
        assertThat(Http.callAs("GET", me, "admin", password).body()).contains("\"user\":\"admin\"");
        assertThat(Http.callAs("GET", me, null, null).status()).isEqualTo(401);

        // The README's demo: bin/cpe submits the sample job and follows it to its result.
        Path demo = dataDir.resolve("demo.log");
        ProcessBuilder submit = new ProcessBuilder(
                        CLI.toString(),
                        "submit",
                        SAMPLES.resolve("jobs/demo.json").toString(),
                        "--wait")
                .redirectErrorStream(true)
                .redirectOutput(demo.toFile());
        submit.environment().put("CPE_CLIENT_ENDPOINT", "http://127.0.0.1:" + sqsPort);
        Process cli = submit.start();
        assertThat(cli.waitFor(120, TimeUnit.SECONDS)).as("the demo job ends").isTrue();
        String printed = Files.readString(demo, StandardCharsets.UTF_8);
        assertThat(cli.exitValue()).as("bin/cpe output:%n%s", printed).isZero();
        assertThat(printed).contains("ACTIVITY_PROGRESS", "COMPLETED ", "\"checksum\"");

        signal("INT");

        assertThat(server.waitFor(10, TimeUnit.SECONDS))
                .as("stopped within 10 s of Ctrl-C; output:%n%s", tail())
                .isTrue();
        assertThat(Http.get(ready).status()).isZero();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            CPE_ROLES | decider;bogus | cpe.roles | unknown role 'decider;bogus' | a comma list of input-poller, decider, activity-poller
            CPE_SQS_ENDPOINT | http//127.0.0.1:9324 | cpe.sqs.endpoint | is not an http(s) URL with a host | 'embedded', 'aws', or an http(s) URL
            CPE_EMBEDDED_SQS_MAX_RECEIVE_COUNT | -1 | cpe.embedded-sqs.max-receive-count | must not be negative | a whole number from 1 to 1000
            """)
    void badConfigurationStopsStartupWithOneClearMessage(
            String variable, String value, String key, String reason, String allowed) throws Exception {
        start(freePort(), Map.of(variable, value));

        assertThat(server.waitFor(120, TimeUnit.SECONDS))
                .as("the server must end, not serve 404s; output:%n%s", tail())
                .isTrue();
        assertThat(server.exitValue()).isEqualTo(78);
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("CPE failed to start: Invalid CPE configuration: " + key + " (env " + variable + ") = '"
                        + value + "'")
                .contains(reason)
                .contains("Allowed: " + allowed);
    }

    private void start(int port, Map<String, String> environment, String... options) throws IOException {
        output = dataDir.resolve("server.log");
        // env --default-signal: a test runner may have started us with SIGINT ignored, which a JVM then keeps.
        List<String> command = new java.util.ArrayList<>(
                List.of("env", "--default-signal=INT", LAUNCHER.toString(), "--port", Integer.toString(port)));
        command.addAll(List.of(options));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("CPE_DATA_DIR", dataDir.resolve("data").toString());
        builder.environment().put("CPE_EMBEDDED_SQS_PORT", "0");
        builder.environment().put("CPE_JAVA_OPTS", "-Xmx512m");
        builder.environment().putAll(environment);
        server = builder.start();
    }

    @Test
    void onEveryInterfaceTheDefaultKeyStopsStartupNamingTheKeysToSet() throws Exception {
        start(freePort(), Map.of(), "--host", "0.0.0.0");

        assertThat(server.waitFor(120, TimeUnit.SECONDS))
                .as("the server must end; output:%n%s", tail())
                .isTrue();
        assertThat(server.exitValue()).isEqualTo(78);
        assertThat(Files.readString(output, StandardCharsets.UTF_8))
                .contains("CPE failed to start: Invalid CPE configuration: cpe.aws.local-secret-access-key (env"
                        + " CPE_AWS_LOCAL_SECRET_ACCESS_KEY) = 'cpe-local': is the well-known secret 'cpe-local'")
                .contains("/swf (role embedded-swf) and /s3 (role embedded-s3) on the HTTP listener (cpe.http.host ="
                        + " '0.0.0.0')")
                .contains("CPE_AWS_LOCAL_ACCESS_KEY_ID and CPE_AWS_LOCAL_SECRET_ACCESS_KEY")
                .contains("bin/cpe-server --host 127.0.0.1")
                .contains("cpe.security.allow-well-known-secrets=true");
    }

    @Test
    void onEveryInterfaceItStartsWithKeysOfItsOwnAndRefusesTheWellKnownOne() throws Exception {
        int port = freePort();
        start(
                port,
                Map.of("CPE_AWS_LOCAL_ACCESS_KEY_ID", "site-key", "CPE_AWS_LOCAL_SECRET_ACCESS_KEY", "site-secret"),
                "--host",
                "0.0.0.0");

        URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
        Http.Response response = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Http.get(ready), r -> r.status() == 200 || !server.isAlive());
        assertThat(response.status())
                .as("readiness, server output:%n%s", tail())
                .isEqualTo(200);
        ROLES.forEach(role -> assertThat(response.body()).contains(Http.roleState(role, "RUNNING")));
        assertThat(listDomains(port, "site-key", "site-secret")).isEqualTo("accepted");
        assertThat(listDomains(port, "cpe-local", "cpe-local")).isEqualTo("UnrecognizedClientException");
    }

    /** A call to the server's /swf signed with the key: "accepted", or the SWF fault's code. */
    private static String listDomains(int port, String keyId, String secret) {
        try (SwfClient swf = SwfClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port + "/swf"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            swf.listDomains(b -> b.registrationStatus(RegistrationStatus.REGISTERED));
            return "accepted";
        } catch (SwfException e) {
            return e.awsErrorDetails().errorCode();
        }
    }

    private void signal(String name) throws Exception {
        // The launcher execs the JVM, so the process we started is the server itself.
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(server.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
