package org.cpe.activity.access;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;

/**
 * Where a job may make the server connect: http(s) URLs whose host resolves only to public addresses, none of them the
 * server's own, plus what the operator allows ({@code cpe.security.outbound-allow}): host names ({@code media.internal},
 * {@code *.corp.example}), addresses and blocks ({@code 10.1.2.3}, {@code 10.0.0.0/8}, {@code fd00::/8}), each
 * optionally with a port ({@code media.internal:8443}, {@code [fd00::1]:80}). A host with any refused address is
 * refused whole. Immutable and thread-safe.
 */
public final class OutboundPolicy {

    private static final long OWN_ADDRESSES_TTL_NANOS = 60_000_000_000L;
    private static final OutboundPolicy PUBLIC_ONLY = new OutboundPolicy(List.of(), List.of());

    private final List<String> given;
    private final List<Allowed> allowed;
    /** The server's own addresses when fixed (tests), else null: read from the network interfaces. */
    private final Set<InetAddress> fixedOwnAddresses;

    private volatile Set<InetAddress> ownAddresses = Set.of();
    private volatile long ownAddressesRead = System.nanoTime() - OWN_ADDRESSES_TTL_NANOS - 1;

    private record Allowed(String host, Cidr block, int port) {

        boolean matches(String name, InetAddress address, int connectPort) {
            if (port >= 0 && port != connectPort) {
                return false;
            }
            if (block != null) {
                return block.contains(address);
            }
            return host.startsWith("*.") ? name.endsWith(host.substring(1)) : name.equals(host);
        }
    }

    private OutboundPolicy(List<String> given, List<Allowed> allowed) {
        this(given, allowed, null);
    }

    private OutboundPolicy(List<String> given, List<Allowed> allowed, Set<InetAddress> fixedOwnAddresses) {
        this.given = List.copyOf(given);
        this.allowed = List.copyOf(allowed);
        this.fixedOwnAddresses = fixedOwnAddresses == null ? null : Set.copyOf(fixedOwnAddresses);
    }

    /** This policy for a server whose own addresses are {@code own}, for tests. */
    OutboundPolicy withOwnAddresses(Set<InetAddress> own) {
        return new OutboundPolicy(given, allowed, own);
    }

    /** Public addresses only. */
    public static OutboundPolicy publicOnly() {
        return PUBLIC_ONLY;
    }

    /**
     * Public addresses and {@code entries}.
     *
     * @throws IllegalArgumentException naming the first entry that is not a host, address or block
     */
    public static OutboundPolicy allowing(Collection<String> entries) {
        List<Allowed> parsed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                parsed.add(parse(trimmed));
                kept.add(trimmed);
            }
        }
        return parsed.isEmpty() ? PUBLIC_ONLY : new OutboundPolicy(kept, parsed);
    }

    /** The operator's entries, as given. */
    public List<String> allowed() {
        return given;
    }

    /**
     * The addresses the server may connect to for {@code uri}, in the resolver's order.
     *
     * @throws ActivityException {@value ActivityReasons#ADDRESS_NOT_ALLOWED} for another scheme or a refused address
     * @throws UnknownHostException when the host does not resolve
     */
    public List<InetAddress> addressesFor(URI uri) throws ActivityException, UnknownHostException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused(uri, "only http and https URLs are fetched");
        }
        String host = host(uri);
        if (host == null) {
            throw refused(uri, "the URL has no host");
        }
        int port = port(uri);
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            if (allowed.stream().anyMatch(a -> a.matches(host, address, port))) {
                continue;
            }
            AddressKind kind = AddressKind.of(address);
            String is = isLiteral(host) ? " is " : " resolves to ";
            if (kind != AddressKind.PUBLIC) {
                throw refused(uri, host + is + "a " + kind.description() + " address");
            }
            if (ownAddresses().contains(address)) {
                throw refused(uri, host + is + "an address of this server");
            }
        }
        return List.of(addresses);
    }

    /** The URL's host without IPv6 brackets, in lower case; null when it has none. */
    static String host(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return null;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private Set<InetAddress> ownAddresses() {
        if (fixedOwnAddresses != null) {
            return fixedOwnAddresses;
        }
        long now = System.nanoTime();
        if (now - ownAddressesRead > OWN_ADDRESSES_TTL_NANOS) {
            Set<InetAddress> found = new HashSet<>();
            try {
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    found.addAll(Collections.list(nic.getInetAddresses()));
                }
            } catch (SocketException | RuntimeException e) {
                // Without the list, the kinds above still refuse the loopback and private addresses.
            }
            ownAddresses = Set.copyOf(found);
            ownAddressesRead = now;
        }
        return ownAddresses;
    }

    private static ActivityException refused(URI uri, String why) {
        return new ActivityException(
                ActivityReasons.ADDRESS_NOT_ALLOWED,
                uri + " is not fetched: " + why + ". Jobs may make this server fetch public http(s) addresses only,"
                        + " unless the operator allows the host in cpe.security.outbound-allow");
    }

    private static Allowed parse(String entry) {
        String problem = "'" + entry + "' is not a host name, IP address or address block such as media.internal,"
                + " *.corp.example, 10.1.2.3:8080, 10.0.0.0/8 or [fd00::1]:80";
        try {
            if (entry.contains("/")) {
                return new Allowed(null, Cidr.parse(entry), -1);
            }
            String hostPart = entry;
            int port = -1;
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException(problem);
                }
                hostPart = entry.substring(0, close + 1);
                if (close + 1 < entry.length()) {
                    port = port(entry.substring(close + 1), problem);
                }
            } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
                hostPart = entry.substring(0, entry.indexOf(':'));
                port = port(entry.substring(entry.indexOf(':')), problem);
            }
            if (hostPart.startsWith("[") || hostPart.contains(":") || hostPart.matches("[0-9.]+")) {
                return new Allowed(null, Cidr.parse(hostPart), port);
            }
            String name = hostPart.toLowerCase(Locale.ROOT);
            if (!name.matches("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
                throw new IllegalArgumentException(problem);
            }
            return new Allowed(name, null, port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(problem, e);
        }
    }

    private static int port(String colonPort, String problem) {
        if (!colonPort.matches(":\\d{1,5}")) {
            throw new IllegalArgumentException(problem);
        }
        int port = Integer.parseInt(colonPort.substring(1));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(problem);
        }
        return port;
    }

    @Override
    public String toString() {
        return given.isEmpty() ? "public addresses only" : "public addresses and " + given;
    }
}
