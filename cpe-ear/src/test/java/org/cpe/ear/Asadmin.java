package org.cpe.ear;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Drives Payara Server's asadmin for one domain: every command with a timeout, all output in one log file. */
final class Asadmin {

    /** The exit code when asadmin outlived its timeout and was killed. */
    static final int TIMED_OUT = -1;

    private final Path executable;
    private final Path domains;
    private final String domain;
    private final Path log;
    private final Map<String, String> environment;
    private int adminPort;

    /**
     * @param environment added to the environment of asadmin, and so of the server JVM that start-domain launches
     */
    Asadmin(Path payaraHome, Path domains, String domain, Path log, Map<String, String> environment) {
        this.executable = payaraHome.resolve("bin").resolve("asadmin");
        this.domains = domains;
        this.domain = domain;
        this.log = log;
        this.environment = Map.copyOf(environment);
    }

    Path domainDir() {
        return domains.resolve(domain);
    }

    /** Creates the domain with the admin user "admin" and no password; its admin port is portBase + 48. */
    int createDomain(int portBase) throws IOException, InterruptedException {
        adminPort = portBase + 48;
        return run(
                Duration.ofMinutes(2),
                "--user",
                "admin",
                "create-domain",
                "--nopassword=true",
                "--domaindir",
                domains.toString(),
                "--portbase",
                String.valueOf(portBase),
                domain);
    }

    int startDomain() throws IOException, InterruptedException {
        return run(Duration.ofMinutes(3), "start-domain", "--domaindir", domains.toString(), domain);
    }

    /** Runs a command against the running domain's admin port. */
    int remote(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("--port", String.valueOf(adminPort)));
        command.addAll(List.of(args));
        return run(timeout, command.toArray(String[]::new));
    }

    /** Stops the domain, if it was created; when stop-domain fails, kills the server JVM named in its pid file. */
    void stopDomain() throws Exception {
        if (!Files.isDirectory(domainDir())
                || run(Duration.ofMinutes(2), "stop-domain", "--domaindir", domains.toString(), domain) == 0) {
            return;
        }
        Path pidFile = domainDir().resolve("config").resolve("pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            var server = ProcessHandle.of(pid).filter(p -> p.info()
                    .commandLine()
                    .orElse("")
                    .contains(domainDir().toString()));
            if (server.isPresent()) {
                server.get().destroyForcibly();
                server.get().onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Runs {@code asadmin --interactive=false <args>} and returns its exit code, or {@link #TIMED_OUT}. */
    int run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--interactive=false"));
        command.addAll(List.of(args));
        append("\n$ asadmin " + String.join(" ", args) + "\n");

        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The developer's own CPE_* settings and asadmin defaults (AS_ADMIN_PORT...) must not leak into the test.
        builder.environment().keySet().removeIf(name -> name.startsWith("CPE_") || name.startsWith("AS_ADMIN_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();

        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        append("[killed: asadmin " + String.join(" ", args) + " did not finish within " + timeout + "]\n");
        return TIMED_OUT;
    }

    /** The last lines of the asadmin log, for assertion messages. */
    String logTail() {
        return Fixtures.tail(log, 40);
    }

    private void append(String text) throws IOException {
        Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
