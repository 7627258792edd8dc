package org.cpe.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * All of CPE's configuration, read and validated at once. {@link #read} either returns settings that are safe to
 * start with or throws an {@link InvalidConfigurationException} that names every problem.
 */
public record CpeSettings(
        RolesSettings roles,
        Path dataDir,
        AwsSettings aws,
        SqsSettings sqs,
        SwfSettings swf,
        ClientsSettings clients,
        EmbeddedSqsSettings embeddedSqs,
        EmbeddedSwfSettings embeddedSwf,
        EmbeddedS3Settings embeddedS3,
        DeciderSettings decider,
        ActivityPollerSettings activityPoller,
        LoopSettings loops,
        SecuritySettings security,
        JobAccessSettings jobAccess,
        HttpSettings http) {

    /** Set by the all-in-one WAR for Payara Micro, which otherwise keeps running after a failed deployment. */
    public static final String EXIT_ON_FAILURE_KEY = "cpe.startup.exit-on-failure";

    public static CpeSettings read(Function<String, Optional<String>> lookup) {
        ConfigReader reader = new ConfigReader(lookup);
        checkConfigFile(reader);
        reader.bool(EXIT_ON_FAILURE_KEY);
        CpeSettings settings = new CpeSettings(
                RolesSettings.read(reader),
                Paths.get(reader.text("cpe.data-dir")),
                AwsSettings.read(reader),
                SqsSettings.read(reader),
                SwfSettings.read(reader),
                ClientsSettings.read(reader),
                EmbeddedSqsSettings.read(reader),
                EmbeddedSwfSettings.read(reader),
                EmbeddedS3Settings.read(reader),
                DeciderSettings.read(reader),
                ActivityPollerSettings.read(reader),
                LoopSettings.read(reader),
                SecuritySettings.read(reader),
                JobAccessSettings.read(reader),
                HttpSettings.read(reader));
        settings.checkEmbeddedEndpoints(reader);
        new ExposureCheck(settings, reader).check();
        reader.throwIfInvalid();
        return settings;
    }

    /**
     * The access keys (id to secret) that the embedded services' HTTP endpoints accept: {@code
     * cpe.embedded-swf.access-keys}, or else the server's own local key, which other CPE servers send by default.
     */
    public Map<String, String> acceptedAccessKeys() {
        return embeddedSwf.accessKeys().isEmpty()
                ? Map.of(aws.localAccessKeyId(), aws.localSecretAccessKey())
                : embeddedSwf.accessKeys();
    }

    /** Whether the server should end its own process after a failed start; lenient, since it decides how to fail. */
    public static boolean exitOnFailure(Function<String, Optional<String>> lookup) {
        try {
            return lookup.apply(EXIT_ON_FAILURE_KEY)
                    .map(String::trim)
                    .map("true"::equalsIgnoreCase)
                    .orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void checkConfigFile(ConfigReader reader) {
        reader.optional(CpeConfigFileSource.FILE_KEY).ifPresent(file -> {
            if (!Files.isReadable(Paths.get(file))) {
                reader.problem(
                        CpeConfigFileSource.FILE_KEY,
                        file,
                        "is not a readable file",
                        "the path of a properties file, such as config/aws.properties");
            }
        });
    }

    /** A poller reaching an embedded service needs that service to run in this same server. */
    private void checkEmbeddedEndpoints(ConfigReader reader) {
        if (!roles.anyPoller()) {
            return;
        }
        checkEmbedded(reader, "cpe.sqs.endpoint", sqs.endpoint(), Role.EMBEDDED_SQS, "http://services-host:9324");
        checkEmbedded(reader, "cpe.swf.endpoint", swf.endpoint(), Role.EMBEDDED_SWF, "http://services-host:8080/swf");
    }

    private void checkEmbedded(ConfigReader reader, String key, Endpoint endpoint, Role service, String example) {
        if (endpoint.kind() == Endpoint.Kind.EMBEDDED && !roles.isEnabled(service)) {
            reader.problem(
                    key,
                    "embedded",
                    "the role " + service.configName() + " does not run in this server (" + RolesSettings.KEY + " = "
                            + roles.enabled().stream().map(Role::configName).toList() + ")",
                    "add " + service.configName() + " to " + RolesSettings.KEY + ", or set " + key
                            + " to aws or to the URL of the server that runs it, such as " + example);
        }
    }
}
