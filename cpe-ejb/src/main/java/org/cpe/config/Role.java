package org.cpe.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The roles a CPE server can run, by the names used in {@code cpe.roles}. */
public enum Role {
    INPUT_POLLER("input-poller"),
    DECIDER("decider"),
    ACTIVITY_POLLER("activity-poller"),
    EMBEDDED_SQS("embedded-sqs"),
    EMBEDDED_SWF("embedded-swf"),
    EMBEDDED_S3("embedded-s3");

    private final String configName;

    Role(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Whether this role talks to SQS and SWF as a client (the three pollers do; the embedded services do not). */
    public boolean isPoller() {
        return this == INPUT_POLLER || this == DECIDER || this == ACTIVITY_POLLER;
    }

    public static Optional<Role> fromConfigName(String name) {
        return Arrays.stream(values()).filter(r -> r.configName.equals(name)).findFirst();
    }

    /** The allowed names, comma-separated, for error messages. */
    public static String allowedNames() {
        return Arrays.stream(values()).map(Role::configName).collect(Collectors.joining(", "));
    }
}
