package org.cpe.activity.access;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which kind of address an IP address is, for deciding whether a job may make the server connect to it: public, or
 * one of the kinds that reach the server itself or its private networks. IPv6 forms that carry an IPv4 address
 * (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address they carry.
 */
enum AddressKind {
    PUBLIC("public"),
    UNSPECIFIED("unspecified (0.0.0.0 or ::, which reaches this machine)"),
    LOOPBACK("loopback"),
    LINK_LOCAL("link-local"),
    PRIVATE("private"),
    SHARED("shared address space (carrier-grade NAT)"),
    UNIQUE_LOCAL("unique-local"),
    MULTICAST("multicast or broadcast"),
    RESERVED("reserved or documentation-only");

    private final String description;

    AddressKind(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    private static final List<Cidr> IPV4 = List.of(
            new Cidr("0.0.0.0/8", UNSPECIFIED),
            new Cidr("10.0.0.0/8", PRIVATE),
            new Cidr("100.64.0.0/10", SHARED),
            new Cidr("127.0.0.0/8", LOOPBACK),
            new Cidr("169.254.0.0/16", LINK_LOCAL),
            new Cidr("172.16.0.0/12", PRIVATE),
            new Cidr("192.0.0.0/24", RESERVED),
            new Cidr("192.0.2.0/24", RESERVED),
            new Cidr("192.88.99.0/24", RESERVED),
            new Cidr("192.168.0.0/16", PRIVATE),
            new Cidr("198.18.0.0/15", RESERVED),
            new Cidr("198.51.100.0/24", RESERVED),
            new Cidr("203.0.113.0/24", RESERVED),
            new Cidr("224.0.0.0/4", MULTICAST),
            new Cidr("240.0.0.0/4", RESERVED));

    private static final List<Cidr> IPV6 = List.of(
            new Cidr("::/128", UNSPECIFIED),
            new Cidr("::1/128", LOOPBACK),
            new Cidr("100::/64", RESERVED),
            new Cidr("2001::/32", RESERVED), // Teredo: its IPv4 address is hidden, so none is trusted
            new Cidr("2001:db8::/32", RESERVED),
            new Cidr("fc00::/7", UNIQUE_LOCAL),
            new Cidr("fe80::/10", LINK_LOCAL),
            new Cidr("fec0::/10", PRIVATE),
            new Cidr("ff00::/8", MULTICAST));

    /** The kind of {@code address}. */
    static AddressKind of(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            InetAddress carried = carriedIpv4(v6.getAddress());
            if (carried != null) {
                return of(carried);
            }
            return classify(address, IPV6);
        }
        if (address instanceof Inet4Address && Arrays.equals(address.getAddress(), new byte[] {-1, -1, -1, -1})) {
            return MULTICAST;
        }
        return classify(address, IPV4);
    }

    private static AddressKind classify(InetAddress address, List<Cidr> ranges) {
        for (Cidr range : ranges) {
            if (range.contains(address)) {
                return range.kind();
            }
        }
        return PUBLIC;
    }

    /** The IPv4 address an IPv6 address carries: IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16. */
    private static InetAddress carriedIpv4(byte[] v6) {
        byte[] v4 = null;
        if (zeros(v6, 0, 12) && !zeros(v6, 12, 16)) {
            v4 = Arrays.copyOfRange(v6, 12, 16);
        } else if (v6[0] == 0 && v6[1] == 0x64 && v6[2] == (byte) 0xff && v6[3] == (byte) 0x9b && zeros(v6, 4, 12)) {
            v4 = Arrays.copyOfRange(v6, 12, 16);
        } else if (v6[0] == 0x20 && v6[1] == 0x02) {
            v4 = Arrays.copyOfRange(v6, 2, 6);
        } else if (zeros(v6, 0, 10) && v6[10] == (byte) 0xff && v6[11] == (byte) 0xff) {
            // The JDK turns mapped addresses into Inet4Address itself; this is for addresses built from bytes.
            v4 = Arrays.copyOfRange(v6, 12, 16);
        }
        if (v4 == null || (zeros(v6, 0, 12) && v6[15] == 1 && zeros(v6, 12, 15))) {
            return null; // ::1 is IPv6 loopback, not 0.0.0.1
        }
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static boolean zeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
