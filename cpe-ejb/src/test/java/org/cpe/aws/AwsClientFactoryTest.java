package org.cpe.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import org.cpe.config.AwsSettings;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;

class AwsClientFactoryTest {

    private static final AwsSettings AWS = new AwsSettings("eu-west-3", "cpe-local", "cpe-local");

    @Test
    void localEndpointIsUsedWithTheConfiguredRegion() {
        try (SwfClient swf = AwsClientFactory.swf(URI.create("http://127.0.0.1:1/swf"), AWS, Duration.ofSeconds(70))) {
            assertThat(swf.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("http://127.0.0.1:1/swf"));
            assertThat(swf.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_3);
        }
    }

    @Test
    void awsEndpointHasNoOverride() {
        try (SwfClient swf = AwsClientFactory.swf(null, AWS, Duration.ofSeconds(70))) {
            assertThat(swf.serviceClientConfiguration().endpointOverride()).isEmpty();
        }
    }

    @Test
    void swfSocketTimeoutIsTheConfiguredOne() throws IOException {
        // A server that accepts and never answers: the call ends when the socket timeout says so.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
                SwfClient swf = AwsClientFactory.swf(
                        URI.create("http://127.0.0.1:" + silent.getLocalPort()), AWS, Duration.ofSeconds(1))) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    ignored.getInputStream().readAllBytes();
                } catch (IOException e) {
                    // the client gave up: expected
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            assertThatThrownBy(() -> swf.listDomains(b -> b.registrationStatus("REGISTERED")))
                    .isInstanceOf(SdkClientException.class)
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);
        }
    }
}
