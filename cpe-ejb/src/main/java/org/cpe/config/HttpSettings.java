package org.cpe.config;

import java.util.Optional;

/**
 * Where the server's HTTP listener (API, console, {@code /swf}, {@code /s3}) binds, as the launcher knows it
 * ({@code cpe.http.host}; {@code bin/cpe-server} passes its {@code --host}). Unset, CPE cannot tell (an EAR on Payara
 * Server or WildFly binds where the server is configured to), and the listener counts as reachable from elsewhere.
 */
public record HttpSettings(Optional<String> host) {

    static final String HOST_KEY = "cpe.http.host";

    static HttpSettings read(ConfigReader reader) {
        return new HttpSettings(reader.optional(HOST_KEY));
    }

    /** Whether other machines may reach the listener: it binds beyond loopback, or nobody said where it binds. */
    public boolean beyondLoopback() {
        return host.map(h -> !Loopback.isLoopback(h)).orElse(true);
    }

    /** The setting as an operator reads it in a message. */
    String described() {
        return host.map(h -> HOST_KEY + " = '" + h + "'")
                .orElse(HOST_KEY + " is not set, so CPE cannot tell where the server binds");
    }
}
