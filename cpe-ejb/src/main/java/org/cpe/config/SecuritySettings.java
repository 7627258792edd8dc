package org.cpe.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cpe.client.PasswordHash;

/**
 * Who may use the REST API and the console: the users of {@code cpe.security.users}, each a reader (looks) or an
 * operator (also acts: start, cancel, terminate, signal, retry, pause, resume); whether requests from this machine
 * itself need no credentials ({@code cpe.security.api-access=open-local}) and which {@code Host} names such a request
 * may carry ({@code localHosts}, lower case); and whether the operator accepts the well-known local secret on
 * endpoints reachable beyond loopback.
 */
public record SecuritySettings(
        boolean openLocal, List<ApiUser> users, List<String> localHosts, boolean allowWellKnownSecrets) {

    static final String ACCESS_KEY = "cpe.security.api-access";
    static final String USERS_KEY = "cpe.security.users";
    static final String LOCAL_HOSTS_KEY = "cpe.security.local-hosts";
    static final String ALLOW_WELL_KNOWN_KEY = "cpe.security.allow-well-known-secrets";

    /** What a user may do with the API. */
    public enum ApiRole {
        /** Reads jobs, plans, workers and roles, and validates plans. */
        READER,
        /** Everything a reader does, and acts on jobs and roles. */
        OPERATOR;

        /** The name of the role as the container knows it. */
        public String roleName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<ApiRole> parse(String text) {
            for (ApiRole role : values()) {
                if (role.roleName().equals(text)) {
                    return Optional.of(role);
                }
            }
            return Optional.empty();
        }
    }

    /** One API user; {@code secret} is a {@link PasswordHash} or a password in plain text. */
    public record ApiUser(String name, ApiRole role, String secret) {

        /** The secret stays out of logs. */
        @Override
        public String toString() {
            return name + ":" + role.roleName();
        }
    }

    static SecuritySettings read(ConfigReader reader) {
        String access = reader.text(ACCESS_KEY);
        if (!access.equals("authenticated") && !access.equals("open-local")) {
            reader.problem(
                    ACCESS_KEY,
                    access,
                    "is not a way to admit requests",
                    "'authenticated' (every request to the API names a user) or 'open-local' (requests from this"
                            + " machine itself need no credentials and act as an operator)");
        }
        List<ApiUser> users = new ArrayList<>();
        reader.optional(USERS_KEY).ifPresent(list -> {
            for (String entry : list.split(",")) {
                user(reader, entry.trim()).ifPresent(user -> {
                    if (users.stream().anyMatch(u -> u.name().equals(user.name()))) {
                        reader.problem(
                                USERS_KEY, "(hidden)", "names the user " + user.name() + " twice", "one entry a user");
                    } else {
                        users.add(user);
                    }
                });
            }
        });
        return new SecuritySettings(
                access.equals("open-local"), List.copyOf(users), localHosts(reader), reader.bool(ALLOW_WELL_KNOWN_KEY));
    }

    /** The names open-local admits in a request's Host header: no port, IPv6 literals with or without brackets. */
    private static List<String> localHosts(ConfigReader reader) {
        LinkedHashSet<String> hosts = new LinkedHashSet<>();
        for (String entry : reader.list(LOCAL_HOSTS_KEY)) {
            String host = entry.toLowerCase(Locale.ROOT);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty() || host.chars().filter(c -> c == ':').count() == 1 || host.contains("/")) {
                reader.problem(
                        LOCAL_HOSTS_KEY,
                        String.join(",", reader.list(LOCAL_HOSTS_KEY)),
                        "names '" + entry + "', which is not a host name or address without a port",
                        "a comma list of the names this machine is reached by, such as localhost,127.0.0.1,::1");
            } else {
                hosts.add(host);
            }
        }
        return List.copyOf(hosts);
    }

    private static Optional<ApiUser> user(ConfigReader reader, String entry) {
        String allowed = "a comma list of name:role:password, role reader or operator, the password as printed by"
                + " 'cpe hash-password' (or in plain text)";
        String[] parts = entry.split(":", 3);
        if (parts.length != 3 || parts[0].isBlank() || parts[2].isBlank()) {
            reader.problem(USERS_KEY, "(hidden)", "has an entry that is not name:role:password", allowed);
            return Optional.empty();
        }
        String name = parts[0].trim();
        Optional<ApiRole> role = ApiRole.parse(parts[1].trim());
        if (role.isEmpty()) {
            reader.problem(
                    USERS_KEY, "(hidden)", "gives the user " + name + " the unknown role " + parts[1].trim(), allowed);
            return Optional.empty();
        }
        String secret = parts[2].trim();
        if (PasswordHash.isHash(secret)) {
            try {
                PasswordHash.check(secret);
            } catch (IllegalArgumentException e) {
                reader.problem(
                        USERS_KEY,
                        "(hidden)",
                        "has a malformed password hash for " + name + ": " + e.getMessage(),
                        allowed);
                return Optional.empty();
            }
        }
        return Optional.of(new ApiUser(name, role.get(), secret));
    }
}
