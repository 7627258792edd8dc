package org.cpe.activity.access;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A block of IP addresses ({@code 10.0.0.0/8}, {@code fc00::/7}), tagged with what it is used for. */
record Cidr(byte[] network, int prefix, AddressKind kind) {

    Cidr(String text, AddressKind kind) {
        this(parseNetwork(text), parsePrefix(text), kind);
    }

    /** A block parsed from {@code address/prefix} or a single address; IllegalArgumentException names what is wrong. */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address);
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException(
                        "'" + text + "' has a prefix length that is not 0 to " + bytes.length * 8);
            }
        }
        return new Cidr(bytes, prefix, AddressKind.PUBLIC);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    /** The bytes of an IP address literal; a name is refused, so that nothing is looked up. */
    static byte[] literal(String address) {
        String bare =
                address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        boolean v4 = bare.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = bare.contains(":") && bare.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(bare).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address", e);
        }
    }

    private static byte[] parseNetwork(String text) {
        return literal(text.substring(0, text.indexOf('/')));
    }

    private static int parsePrefix(String text) {
        return Integer.parseInt(text.substring(text.indexOf('/') + 1));
    }
}
