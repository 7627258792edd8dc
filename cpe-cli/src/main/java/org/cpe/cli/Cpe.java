package org.cpe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.cpe.client.ClientDefinition;
import org.cpe.client.CommandRejectedException;
import org.cpe.client.CpeClient;
import org.cpe.client.CpeClientBuilder;
import org.cpe.client.CpeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The {@code cpe} command: a CPE client application on the command line. */
@Command(
        name = "cpe",
        mixinStandardHelpOptions = true,
        versionProvider = Cpe.Version.class,
        description = "Talks to CPE as a client application, over the client's SQS queues.",
        subcommands = {
            SubmitCommand.class,
            StatusCommand.class,
            ListCommand.class,
            CancelCommand.class,
            WatchCommand.class,
            PlansCommand.class,
            HashPasswordCommand.class
        },
        footerHeading = "%nExit status:%n",
        footer = {
            "  0  done: the job completed, the command was answered, the plans are valid",
            "  1  the job failed, was canceled or timed out (the reason is printed)",
            "  2  wrong usage, or a file that cannot be read",
            "  3  CPE refused the command (the reason is printed), or a plan is invalid",
            "  4  no answer in time, or SQS could not be reached"
        })
public final class Cpe implements Runnable {

    static final int OK = 0;
    static final int JOB_DID_NOT_COMPLETE = 1;
    static final int USAGE = 2;
    static final int REFUSED = 3;
    static final int UNREACHABLE = 4;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-c", "--client"},
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            defaultValue = "${env:CPE_CLIENT_FILE}",
            description = "client definition file, the original's {\"name\", \"queues\": {\"input\", \"output\"}}"
                    + " (env CPE_CLIENT_FILE)")
    Path clientFile;

    @Option(
            names = {"-n", "--name"},
            scope = ScopeType.INHERIT,
            defaultValue = "${env:CPE_CLIENT_NAME:-demo}",
            description = "client name when no file is given, with queues <name>-input and <name>-output"
                    + " (env CPE_CLIENT_NAME; default: ${DEFAULT-VALUE})")
    String name;

    @Option(
            names = {"-e", "--endpoint"},
            scope = ScopeType.INHERIT,
            defaultValue = "${env:CPE_CLIENT_ENDPOINT:-" + CpeClientBuilder.DEFAULT_ENDPOINT + "}",
            description = "SQS endpoint: a URL, or 'aws' (env CPE_CLIENT_ENDPOINT; default: ${DEFAULT-VALUE},"
                    + " the embedded SQS of a CPE server)")
    String endpoint;

    @Option(
            names = "--region",
            scope = ScopeType.INHERIT,
            defaultValue = "${env:CPE_CLIENT_REGION}",
            description = "AWS region (env CPE_CLIENT_REGION; default: the SDK's, us-east-1 for a URL)")
    String region;

    @Option(
            names = "--reply-timeout",
            scope = ScopeType.INHERIT,
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "how long to wait for CPE's answer to a command (default: ${DEFAULT-VALUE})")
    int replyTimeout;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print JSON: one message or answer per line")
    boolean json;

    @Option(
            names = "--plain",
            scope = ScopeType.INHERIT,
            description = "print plain lines even on a terminal (the default when stdout is not one)")
    boolean plain;

    private final boolean terminal;

    /** Standard input, for commands that read it; null on a terminal, where they ask through the console. */
    java.io.BufferedReader in;

    Cpe(boolean terminal) {
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err, System.console() != null));
    }

    /** Runs the command line {@code args} and returns its exit status; {@code terminal}: stdout is a terminal. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
        // On a terminal, commands that read ask through the console (without echo) instead.
        java.io.BufferedReader in = System.console() != null
                ? null
                : new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
        return run(args, in, out, err, terminal);
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter, boolean)}, reading what a command reads from {@code in}. */
    static int run(String[] args, java.io.BufferedReader in, PrintWriter out, PrintWriter err, boolean terminal) {
        Cpe cpe = new Cpe(terminal);
        cpe.in = in;
        CommandLine line = new CommandLine(cpe);
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter to = cmd.getErr();
            if (e instanceof CommandRejectedException rejected) {
                to.println("refused: " + rejected.reason() + ": "
                        + rejected.rejection().message());
                return REFUSED;
            }
            if (e instanceof CpeException) {
                to.println("error: " + e.getMessage());
                return UNREACHABLE;
            }
            if (e instanceof IllegalArgumentException || e instanceof IOException) {
                to.println("error: " + e.getMessage());
                return USAGE;
            }
            throw e;
        });
        int status = line.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The client connection the options describe. */
    CpeClient connect() throws IOException {
        ClientDefinition client;
        if (clientFile != null) {
            try {
                client = ClientDefinition.fromJson(Files.readString(clientFile));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(clientFile + ": " + e.getMessage(), e);
            }
        } else {
            client = ClientDefinition.withDefaultQueues(name);
        }
        CpeClientBuilder builder = CpeClient.builder()
                .client(client)
                .endpoint(endpoint)
                .replyTimeout(Duration.ofSeconds(Math.max(1, replyTimeout)));
        if (region != null && !region.isBlank()) {
            builder.region(region);
        }
        // A CPE server's embedded SQS beyond loopback accepts only its keys; a secret stays out of the arguments,
        // which other users of the machine can read.
        String keyId = System.getenv("CPE_CLIENT_ACCESS_KEY_ID");
        String secret = System.getenv("CPE_CLIENT_SECRET_ACCESS_KEY");
        if (!"aws".equals(endpoint) && keyId != null && !keyId.isBlank() && secret != null && !secret.isBlank()) {
            builder.credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)));
        }
        return builder.build();
    }

    /** How to print: JSON lines, plain lines, or live progress on a terminal. */
    Output output() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json) {
            return new Output(Output.Mode.JSON, out, err);
        }
        return new Output(terminal && !plain ? Output.Mode.TERMINAL : Output.Mode.PLAIN, out, err);
    }

    /** The version of the jar, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cpe.class.getPackage().getImplementationVersion();
            return new String[] {"cpe " + (version == null ? "development" : version)};
        }
    }
}
