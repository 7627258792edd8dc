package org.cpe.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CPE servers as separate processes of {@code bin/cpe-server}, as an operator runs them, each with its log in the
 * test's folder; stopped (SIGKILL) by {@link #close()}.
 */
final class Servers implements AutoCloseable {

    private static final Path LAUNCHER = Path.of(System.getProperty("cpe.launcher"));

    private final Path dir;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    Servers(Path dir) {
        this.dir = dir;
    }

    /** Starts a server on {@code port} with these environment variables (MicroProfile Config's names). */
    Process start(String name, int port, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "--port", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("CPE_JAVA_OPTS", "-Xmx512m");
        builder.environment().putAll(environment);
        Process process = builder.start();
        processes.put(name, process);
        ports.put(name, port);
        return process;
    }

    /** Waits until the server answers ready, or fails with the end of its log. */
    void awaitReady(String name) {
        Process server = processes.get(name);
        URI ready = URI.create("http://127.0.0.1:" + ports.get(name) + "/health/ready");
        Http.Response response = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Http.get(ready), r -> r.status() == 200 || !server.isAlive());
        assertThat(response.status())
                .as("readiness of server %s: %s%n%s", name, response.body(), tail(name))
                .isEqualTo(200);
    }

    /**
     * Asserts that the server stays up and answers readiness 503 from now until {@code untilNanos} ({@link
     * System#nanoTime()}): a fault's remaining time, during which it must keep saying it is not ready.
     */
    void staysNotReadyUntil(String name, long untilNanos) {
        Duration left = Duration.ofNanos(untilNanos - System.nanoTime());
        if (left.isNegative()) {
            return;
        }
        await().during(left)
                .atMost(left.plusSeconds(10))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> alive(name) && get(name, "/health/ready").status() == 503);
    }

    /** Kills the server as a crash would: SIGKILL, no shutdown hook runs. */
    void kill(String name) throws InterruptedException {
        Process server = processes.get(name);
        server.destroyForcibly();
        assertThat(server.waitFor(30, TimeUnit.SECONDS))
                .as("server %s ended", name)
                .isTrue();
    }

    /** A GET of {@code path} on the server. */
    Http.Response get(String name, String path) throws Exception {
        return Http.get(URI.create("http://127.0.0.1:" + ports.get(name) + path));
    }

    boolean alive(String name) {
        return processes.get(name).isAlive();
    }

    /** The last lines of the server's log. */
    String tail(String name) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** A folder with the plans the tests of whole processes run, for {@code CPE_DECIDER_PLANS_DIR}. */
    Path plans() throws IOException {
        Path plans = Files.createDirectories(dir.resolve("plans"));
        for (String name : List.of("crash-test.yml", "hang-test.yml")) {
            try (InputStream plan = Servers.class.getResourceAsStream("/crash/" + name)) {
                Files.copy(plan, plans.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return plans;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.values().stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
    }
}
