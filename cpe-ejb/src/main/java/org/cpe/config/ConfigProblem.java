package org.cpe.config;

import java.util.Locale;

/** One invalid configuration value: the key, the value it held, why it is wrong and what is allowed. */
public record ConfigProblem(String key, String value, String reason, String allowed) {

    /** The environment variable that sets {@code key}, by MicroProfile Config's mapping rules. */
    public static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** One line for a person: key (and its environment form), value, reason, what is allowed. */
    public String describe() {
        String shown = value == null ? "(not set)" : "'" + value + "'";
        return key + " (env " + environmentName(key) + ") = " + shown + ": " + reason + ". Allowed: " + allowed + ".";
    }
}
