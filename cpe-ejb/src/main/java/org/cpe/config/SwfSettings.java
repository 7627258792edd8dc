package org.cpe.config;

import java.time.Duration;

/**
 * How this server reaches SWF. The client's socket timeout must outlast SWF's 60-second long polls, so it is at
 * least 70 seconds against AWS; against a local endpoint with a shorter poll window it may be lower.
 */
public record SwfSettings(Endpoint endpoint, Duration socketTimeout) {

    /** SWF's advice for clients of its 60 s long polls. */
    public static final int AWS_MINIMUM_SOCKET_TIMEOUT_SECONDS = 70;

    static SwfSettings read(ConfigReader reader) {
        Endpoint endpoint = reader.endpoint("cpe.swf.endpoint", "http://127.0.0.1:8080/swf");
        Duration timeout = reader.seconds("cpe.swf.socket-timeout-seconds", 1, 3600);
        if (endpoint.kind() == Endpoint.Kind.AWS && timeout.toSeconds() < AWS_MINIMUM_SOCKET_TIMEOUT_SECONDS) {
            reader.problem(
                    "cpe.swf.socket-timeout-seconds",
                    Long.toString(timeout.toSeconds()),
                    "is shorter than SWF's 60 s long poll needs",
                    "at least " + AWS_MINIMUM_SOCKET_TIMEOUT_SECONDS + " when cpe.swf.endpoint is aws");
        }
        return new SwfSettings(endpoint, timeout);
    }
}
