package org.cpe.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "localhost", "LocalHost", "::1", "[::1]", "0:0:0:0:0:0:0:1"})
    void loopbackAddressesAndTheNameLocalhostReachOnlyThisMachine(String host) {
        assertThat(Loopback.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "::",
                "[::]",
                "192.0.2.10",
                "fd00::2",
                "cpe.example.com",
                "localhost.",
                "128.0.0.1",
                ""
            })
    void everyOtherAddressOrNameMayBeReachedFromElsewhere(String host) {
        assertThat(Loopback.isLoopback(host)).isFalse();
    }
}
