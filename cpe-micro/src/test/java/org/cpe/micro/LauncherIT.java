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

    private void start(int port, Map<String, String> environment) throws IOException {
        output = dataDir.resolve("server.log");
        // env --default-signal: a test runner may have started us with SIGINT ignored, which a JVM then keeps.
        ProcessBuilder builder = new ProcessBuilder(
                        "env", "--default-signal=INT", LAUNCHER.toString(), "--port", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("CPE_DATA_DIR", dataDir.resolve("data").toString());
        builder.environment().put("CPE_EMBEDDED_SQS_PORT", "0");
        builder.environment().put("CPE_JAVA_OPTS", "-Xmx512m");
        builder.environment().putAll(environment);
        server = builder.start();
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
