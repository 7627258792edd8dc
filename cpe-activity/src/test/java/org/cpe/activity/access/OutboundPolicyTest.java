package org.cpe.activity.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundPolicyTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:9324/?Action=CreateQueue&QueueName=ssrf-proof",
                "http://localhost:8080/api/jobs?client=demo",
                "http://LOCALHOST./",
                "http://2130706433/",
                "http://0.0.0.0:9324/",
                "http://[::1]:8080/",
                "http://[::ffff:127.0.0.1]/",
                "http://10.9.9.9/",
                "http://192.168.0.10/",
                "http://172.20.0.1/",
                "http://169.254.169.254/latest/meta-data/",
                "http://[fd00::1]/",
                "http://[fe80::1]/",
                "https://100.64.0.1/"
            })
    void internalAddressesAreRefusedByDefault(String url) {
        assertThatThrownBy(() -> OutboundPolicy.publicOnly().addressesFor(URI.create(url)))
                .isInstanceOfSatisfying(ActivityException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ActivityReasons.ADDRESS_NOT_ALLOWED);
                    assertThat(e.details()).contains("cpe.security.outbound-allow");
                });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"file:///etc/passwd", "ftp://93.184.216.34/x", "gopher://93.184.216.34/", "jar:http://x/!/"})
    void otherSchemesAreRefused(String url) {
        assertThatThrownBy(() -> OutboundPolicy.publicOnly().addressesFor(URI.create(url)))
                .isInstanceOfSatisfying(ActivityException.class, e -> assertThat(e.reason())
                        .isEqualTo(ActivityReasons.ADDRESS_NOT_ALLOWED));
    }

    @Test
    void publicAddressIsAllowed() throws Exception {
        assertThat(OutboundPolicy.publicOnly().addressesFor(URI.create("https://93.184.216.34/clip.mp4")))
                .containsExactly(InetAddress.getByName("93.184.216.34"));
    }

    @Test
    void theServersOwnPublicAddressIsRefused() throws Exception {
        OutboundPolicy policy =
                OutboundPolicy.publicOnly().withOwnAddresses(Set.of(InetAddress.getByName("93.184.216.34")));

        assertThatThrownBy(() -> policy.addressesFor(URI.create("http://93.184.216.34:8080/api")))
                .isInstanceOfSatisfying(
                        ActivityException.class, e -> assertThat(e.details()).contains("an address of this server"));
    }

    @Test
    void refusalNamesTheKindOfAddress() {
        assertThatThrownBy(() -> OutboundPolicy.publicOnly().addressesFor(URI.create("http://localhost/")))
                .hasMessageContaining("localhost resolves to a loopback address");
        assertThatThrownBy(() -> OutboundPolicy.publicOnly().addressesFor(URI.create("http://10.1.1.1/")))
                .hasMessageContaining("10.1.1.1 is a private address");
    }

    @Test
    void operatorAllowlistOpensAddressesBlocksAndHosts() throws Exception {
        OutboundPolicy policy = OutboundPolicy.allowing(List.of("127.0.0.1:8081", "10.0.0.0/8", "localhost", "[::1]"));

        assertThat(policy.addressesFor(URI.create("http://127.0.0.1:8081/a"))).isNotEmpty();
        assertThat(policy.addressesFor(URI.create("http://10.200.1.1/a"))).isNotEmpty();
        assertThat(policy.addressesFor(URI.create("http://localhost:9999/a"))).isNotEmpty();
        assertThat(policy.addressesFor(URI.create("http://[::1]:9/a"))).isNotEmpty();
        assertThatThrownBy(() -> policy.addressesFor(URI.create("http://127.0.0.1:8082/a")))
                .isInstanceOf(ActivityException.class);
        assertThatThrownBy(() -> policy.addressesFor(URI.create("http://192.168.1.1/a")))
                .isInstanceOf(ActivityException.class);
    }

    @Test
    void wildcardHostNameMatchesSubdomainsOnly() {
        OutboundPolicy policy = OutboundPolicy.allowing(List.of("*.localhost"));

        assertThatThrownBy(() -> policy.addressesFor(URI.create("http://localhost/")))
                .isInstanceOf(ActivityException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"not a host", "10.0.0.0/33", "media.internal:99999", "[fd00::1", "http://x", "a..b", "1.2.3.4:x"
            })
    void malformedAllowlistEntriesAreRejected(String entry) {
        assertThatThrownBy(() -> OutboundPolicy.allowing(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry);
    }

    @Test
    void blankAllowlistIsPublicOnly() {
        assertThat(OutboundPolicy.allowing(List.of(" ", ""))).isSameAs(OutboundPolicy.publicOnly());
    }
}
