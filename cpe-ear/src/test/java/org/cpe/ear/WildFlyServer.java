package org.cpe.ear;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One WildFly standalone server for a test: its own base directory (a copy of the distribution's {@code standalone/}),
 * configured offline with a jboss-cli script, deploying what lies in its {@code deployments/} folder at boot, with its
 * logs in a folder of the caller's. The server process and its children never outlive the test JVM.
 */
final class WildFlyServer {

    /** The exit code of a jboss-cli run that outlived its timeout and was killed. */
    static final int TIMED_OUT = -1;

    private final Path home;
    private final Path baseDir;
    private final Path logDir;
    private final Map<String, String> environment;
    private Process process;
    private Thread killOnExit;

    /**
     * @param environment added to the server's environment (the application reads CPE_* variables)
     */
    WildFlyServer(Path home, Path baseDir, Path logDir, Map<String, String> environment) {
        this.home = home;
        this.baseDir = baseDir;
        this.logDir = logDir;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Copies the distribution's {@code standalone/} to the base directory and runs {@code script} against it with an
     * embedded server (embed-server), as an administrator would before the first start. Returns jboss-cli's exit code.
     */
    int configure(Path script) throws IOException, InterruptedException {
        copyTree(home.resolve("standalone"), baseDir);
        ProcessBuilder cli = builder(
                List.of(script(home, "jboss-cli"), "--file=" + script.toAbsolutePath()),
                logDir.resolve("jboss-cli.log"));
        // embed-server takes the base directory from the CLI JVM's system property.
        cli.environment().put("JAVA_OPTS", "-Djboss.server.base.dir=" + baseDir);
        Process configuring = cli.start();
        configuring.getOutputStream().close();
        if (!configuring.waitFor(2, TimeUnit.MINUTES)) {
            destroyTree(configuring);
            return TIMED_OUT;
        }
        return configuring.exitValue();
    }

    /** Copies an archive into {@code deployments/}, where the deployment scanner deploys it at boot. */
    void deploy(Path archive) throws IOException {
        Files.copy(
                archive,
                baseDir.resolve("deployments").resolve(archive.getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Starts standalone.xml bound to 127.0.0.1, every socket binding moved by {@code portOffset} (HTTP on 8080 +
     * offset, management on 9990 + offset); returns at once.
     */
    void start(int portOffset) throws IOException {
        List<String> command = List.of(
                script(home, "standalone"),
                "-c",
                "standalone.xml",
                "-Djboss.server.base.dir=" + baseDir,
                "-Djboss.server.log.dir=" + logDir,
                "-Djboss.socket.binding.port-offset=" + portOffset,
                "-b",
                "127.0.0.1",
                "-bmanagement",
                "127.0.0.1");
        process = builder(command, logDir.resolve("console.log")).start();
        process.getOutputStream().close();
        killOnExit = new Thread(() -> destroyTree(process), "kill-wildfly");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Waits for the deployment scanner's marker of {@code name}: "deployed", or "failed: " and the reason WildFly
     * wrote. Fails when neither came within {@code timeout} or the server exited.
     */
    String awaitDeployment(String name, Duration timeout) {
        Path deployments = baseDir.resolve("deployments");
        return await("deployment marker of " + name)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            if (Files.exists(deployments.resolve(name + ".deployed"))) {
                                return "deployed";
                            }
                            Path failed = deployments.resolve(name + ".failed");
                            if (Files.exists(failed)) {
                                return "failed: " + Files.readString(failed);
                            }
                            if (!process.isAlive()) {
                                return "server exited with " + process.exitValue();
                            }
                            return null;
                        },
                        outcome -> outcome != null);
    }

    /** The server's log file. */
    Path serverLog() {
        return logDir.resolve("server.log");
    }

    /**
     * Stops the server: SIGTERM to the server JVM (a graceful shutdown, which undeploys the application), and after a
     * minute without exit, kills the whole process tree.
     */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        try {
            // standalone.sh waits for the JVM it started and exits with it.
            process.descendants().forEach(ProcessHandle::destroy);
            process.waitFor(60, TimeUnit.SECONDS);
        } finally {
            destroyTree(process);
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        }
    }

    private ProcessBuilder builder(List<String> command, Path output) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(baseDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        // The developer's own settings must not leak into the test's server.
        builder.environment()
                .keySet()
                .removeIf(key -> key.startsWith("CPE_")
                        || key.startsWith("JBOSS_")
                        || key.equals("JAVA_OPTS")
                        || key.equals("SERVER_OPTS"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        return builder;
    }

    /** Kills the process and its descendants (standalone.sh does not pass its own signals on to the server JVM). */
    private static void destroyTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.forEach(handle -> handle.onExit().join());
    }

    private static String script(Path home, String name) {
        return home.resolve("bin").resolve(name + ".sh").toString();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
