package org.cpe.web.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a request without credentials may act as the local operator under {@code cpe.security.api-access=
 * open-local}: it must come from loopback, name one of {@code cpe.security.local-hosts} in its {@code Host} header
 * (a page of another site reaches loopback through DNS rebinding, but names its own host), and carry no forwarding
 * header (a proxy on this machine would make every remote user local).
 */
final class OpenLocalGate {

    /** Headers a proxy adds to say whom it forwards for; besides these, every {@code X-Forwarded-*}. */
    private static final Set<String> FORWARDING =
            Set.of("forwarded", "x-real-ip", "x-client-ip", "true-client-ip", "cf-connecting-ip", "via");

    private final List<String> localHosts;

    /** @param localHosts the admitted Host names, lower case, without port or brackets */
    OpenLocalGate(List<String> localHosts) {
        this.localHosts = List.copyOf(localHosts);
    }

    /** Empty when the request is admitted, else why not, for the refusal's message. */
    Optional<String> refusal(String remoteAddress, String hostHeader, Iterable<String> headerNames) {
        if (!isLoopback(remoteAddress)) {
            return refuse("this one came from " + remoteAddress);
        }
        for (String name : headerNames) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (FORWARDING.contains(lower) || lower.startsWith("x-forwarded-")) {
                return refuse("this one carries " + displayName(lower));
            }
        }
        if (hostHeader == null || hostHeader.isBlank()) {
            return refuse("this one named no Host");
        }
        if (!localHosts.contains(hostName(hostHeader))) {
            return refuse("this one named Host " + hostHeader);
        }
        return Optional.empty();
    }

    private Optional<String> refuse(String why) {
        return Optional.of("open-local admits only requests from this machine to " + String.join(", ", localHosts)
                + " without forwarding headers; " + why);
    }

    /** A header name as people write it (some containers hand them over in lower case): X-Forwarded-For. */
    private static String displayName(String lower) {
        StringBuilder name = new StringBuilder();
        for (String part : lower.split("-", -1)) {
            if (name.length() > 0) {
                name.append('-');
            }
            if (part.equals("ip") || part.equals("cf")) {
                name.append(part.toUpperCase(Locale.ROOT));
            } else if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }

    /** The Host header's name: lower case, without the port and an IPv6 literal's brackets. */
    static String hostName(String hostHeader) {
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        // One colon separates the port; more make a bare IPv6 literal, which has none.
        return colon >= 0 && colon == host.lastIndexOf(':') ? host.substring(0, colon) : host;
    }

    static boolean isLoopback(String address) {
        if (address == null) {
            return false;
        }
        try {
            // A literal address: no name lookup happens.
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
