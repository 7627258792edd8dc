package org.cpe.activity.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressKindTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, LOOPBACK",
        "127.1.2.3, LOOPBACK",
        "::1, LOOPBACK",
        "::ffff:127.0.0.1, LOOPBACK",
        "::127.0.0.1, LOOPBACK",
        "64:ff9b::7f00:1, LOOPBACK",
        "2002:7f00:1::, LOOPBACK",
        "0.0.0.0, UNSPECIFIED",
        ":: , UNSPECIFIED",
        "10.9.9.9, PRIVATE",
        "172.16.0.1, PRIVATE",
        "172.31.255.255, PRIVATE",
        "192.168.1.1, PRIVATE",
        "2002:c0a8:101::, PRIVATE",
        "169.254.169.254, LINK_LOCAL",
        "fe80::1, LINK_LOCAL",
        "fd00::1, UNIQUE_LOCAL",
        "fc12::1, UNIQUE_LOCAL",
        "100.64.0.1, SHARED",
        "224.0.0.1, MULTICAST",
        "255.255.255.255, MULTICAST",
        "ff02::1, MULTICAST",
        "192.0.2.2, RESERVED",
        "2001:db8::1, RESERVED",
        "2001:0:4136:e378::1, RESERVED",
        "93.184.216.34, PUBLIC",
        "172.32.0.1, PUBLIC",
        "8.8.8.8, PUBLIC",
        "2606:4700:4700::1111, PUBLIC"
    })
    void classifiesAddresses(String address, AddressKind kind) throws Exception {
        assertThat(AddressKind.of(InetAddress.getByName(address.trim()))).isEqualTo(kind);
    }
}
