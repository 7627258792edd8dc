package org.cpe.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenLocalGateTest {

    private final OpenLocalGate gate = new OpenLocalGate(List.of("localhost", "127.0.0.1", "::1"));

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, localhost:8080",
        "127.0.0.1, LOCALHOST",
        "127.0.0.1, 127.0.0.1:8080",
        "0:0:0:0:0:0:0:1, [::1]:8080",
        "::1, [::1]",
        "127.0.0.1, ::1"
    })
    void aPlainRequestFromThisMachineToALocalNameIsAdmitted(String remote, String host) {
        assertThat(gate.refusal(remote, host, List.of("Host", "Accept", "User-Agent")))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example:8080", "evil.example", "localhost.evil.example", "127.0.0.1.nip.io:8080"})
    void aRequestNamingAnotherHostAsDnsRebindingDoesIsRefusedNamingIt(String host) {
        assertThat(gate.refusal("127.0.0.1", host, List.of("Host", "Origin")))
                .contains("open-local admits only requests from this machine to localhost, 127.0.0.1, ::1 without"
                        + " forwarding headers; this one named Host " + host);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "X-Forwarded-For",
                "x-forwarded-host",
                "X-Forwarded-Proto",
                "Forwarded",
                "X-Real-IP",
                "X-Client-IP",
                "True-Client-IP",
                "CF-Connecting-IP",
                "Via"
            })
    void aForwardedRequestFromALocalProxyIsRefused(String header) {
        assertThat(gate.refusal("127.0.0.1", "localhost:8080", List.of("Host", header)))
                .isPresent();
    }

    @ParameterizedTest
    @CsvSource({
        "x-forwarded-for, X-Forwarded-For",
        "X-FORWARDED-HOST, X-Forwarded-Host",
        "x-real-ip, X-Real-IP",
        "cf-connecting-ip, CF-Connecting-IP",
        "via, Via"
    })
    void theRefusalNamesTheForwardingHeaderAsPeopleWriteIt(String sent, String named) {
        assertThat(gate.refusal("127.0.0.1", "localhost", List.of(sent)))
                .hasValueSatisfying(why -> assertThat(why).endsWith("this one carries " + named));
    }

    @ParameterizedTest
    @CsvSource({"10.9.9.9, this one came from 10.9.9.9", "192.0.2.7, this one came from 192.0.2.7"})
    void aRequestFromAnotherMachineIsRefused(String remote, String why) {
        assertThat(gate.refusal(remote, "localhost", List.of("Host")))
                .hasValueSatisfying(w -> assertThat(w).endsWith(why));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void aRequestWithoutHostIsRefused(String host) {
        assertThat(gate.refusal("127.0.0.1", host, List.of()))
                .hasValueSatisfying(w -> assertThat(w).endsWith("this one named no Host"));
        assertThat(gate.refusal("127.0.0.1", null, List.of())).isPresent();
    }
}
