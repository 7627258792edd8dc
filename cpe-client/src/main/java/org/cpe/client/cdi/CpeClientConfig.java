package org.cpe.client.cdi;

import java.time.Duration;
import java.util.Optional;
import org.cpe.client.ClientDefinition;
import org.cpe.client.CpeClient;
import org.cpe.client.CpeClientBuilder;
import org.eclipse.microprofile.config.Config;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The client's MicroProfile Config, read once: {@code cpe.client.name} (required), {@code cpe.client.queues.input}
 * and {@code .output} ({@code <name>-input}, {@code <name>-output}), {@code cpe.client.endpoint}
 * ({@value CpeClientBuilder#DEFAULT_ENDPOINT}, or {@code aws}), {@code cpe.client.region},
 * {@code cpe.client.access-key-id} and {@code cpe.client.secret-access-key} (for a non-AWS endpoint; {@code cpe-local}
 * unless given), {@code cpe.client.reply-timeout-seconds} (30), {@code cpe.client.listener.enabled} (true) and
 * {@code cpe.client.listener.wait-seconds} (10).
 */
record CpeClientConfig(
        ClientDefinition client,
        String endpoint,
        Optional<String> region,
        Optional<String> accessKeyId,
        Optional<String> secretAccessKey,
        Duration replyTimeout,
        boolean listenerEnabled,
        Duration listenerWait) {

    static CpeClientConfig read(Config config) {
        String name = config.getOptionalValue("cpe.client.name", String.class)
                .orElseThrow(() -> new IllegalStateException(
                        "cpe.client.name (env CPE_CLIENT_NAME) is not set: name the CPE client this application is, "
                                + "one of the server's cpe.clients"));
        try {
            ClientDefinition client = new ClientDefinition(
                    name,
                    config.getOptionalValue("cpe.client.queues.input", String.class)
                            .orElse(name + "-input"),
                    config.getOptionalValue("cpe.client.queues.output", String.class)
                            .orElse(name + "-output"));
            int reply = config.getOptionalValue("cpe.client.reply-timeout-seconds", Integer.class)
                    .orElse(30);
            int wait = config.getOptionalValue("cpe.client.listener.wait-seconds", Integer.class)
                    .orElse(10);
            if (reply < 1 || wait < 1 || wait > 20) {
                throw new IllegalArgumentException(
                        "cpe.client.reply-timeout-seconds must be at least 1 and cpe.client.listener.wait-seconds 1 to 20");
            }
            return new CpeClientConfig(
                    client,
                    config.getOptionalValue("cpe.client.endpoint", String.class)
                            .orElse(CpeClientBuilder.DEFAULT_ENDPOINT),
                    config.getOptionalValue("cpe.client.region", String.class),
                    config.getOptionalValue("cpe.client.access-key-id", String.class),
                    config.getOptionalValue("cpe.client.secret-access-key", String.class),
                    Duration.ofSeconds(reply),
                    config.getOptionalValue("cpe.client.listener.enabled", Boolean.class)
                            .orElse(true),
                    Duration.ofSeconds(wait));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid CPE client configuration: " + e.getMessage(), e);
        }
    }

    CpeClient build() {
        CpeClientBuilder builder =
                CpeClient.builder().client(client).endpoint(endpoint).replyTimeout(replyTimeout);
        region.ifPresent(builder::region);
        if (accessKeyId.isPresent() && secretAccessKey.isPresent()) {
            builder.credentials(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.get())));
        }
        return builder.build();
    }
}
