package org.cpe.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads typed values from a key lookup and collects a {@link ConfigProblem} for each bad one instead of stopping
 * at the first, so that the operator sees everything to fix at once.
 *
 * <p>Typed getters return a usable placeholder after recording a problem; callers build their records and
 * {@link #throwIfInvalid()} decides at the end.
 */
public final class ConfigReader {

    private final Function<String, Optional<String>> lookup;
    private final List<ConfigProblem> problems = new ArrayList<>();

    public ConfigReader(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** The trimmed value, or empty when the key is unset or blank. */
    public Optional<String> optional(String key) {
        try {
            return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        } catch (RuntimeException e) {
            // MicroProfile Config throws for a value whose ${expression} cannot be expanded.
            problem(key, null, "cannot be read (" + e.getMessage() + ")", "a value whose ${...} expressions resolve");
            return Optional.empty();
        }
    }

    /** A value that must be set; its default lives in microprofile-config.properties. */
    public String text(String key) {
        return optional(key).orElseGet(() -> {
            problem(key, null, "is not set", "see the configuration reference in docs/configuration.md");
            return "";
        });
    }

    public int integer(String key, int min, int max) {
        String value = text(key);
        if (value.isEmpty()) {
            return min;
        }
        String allowed = "a whole number from " + min + " to " + max;
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                problem(key, value, parsed < 0 ? "must not be negative" : "is out of range", allowed);
                return min;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problem(key, value, "is not a whole number", allowed);
            return min;
        }
    }

    public Duration millis(String key, long min, long max) {
        return Duration.ofMillis(integer(key, Math.toIntExact(min), Math.toIntExact(max)));
    }

    public Duration seconds(String key, int min, int max) {
        return Duration.ofSeconds(integer(key, min, max));
    }

    public boolean bool(String key) {
        String value = text(key);
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if (!"false".equalsIgnoreCase(value) && !value.isEmpty()) {
            problem(key, value, "is not a boolean", "true or false");
        }
        return false;
    }

    /** A comma list; blank items are dropped. */
    public List<String> list(String key) {
        return Arrays.stream(text(key).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** An endpoint: {@code embedded}, {@code aws}, or an absolute http(s) URL with a host. */
    public Endpoint endpoint(String key, String example) {
        String value = text(key);
        String allowed = "'embedded', 'aws', or an http(s) URL such as " + example;
        if (value.isEmpty()) {
            return Endpoint.EMBEDDED;
        }
        if ("embedded".equalsIgnoreCase(value)) {
            return Endpoint.EMBEDDED;
        }
        if ("aws".equalsIgnoreCase(value)) {
            return Endpoint.AWS;
        }
        try {
            URI uri = new URI(value);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (web && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return Endpoint.url(uri);
            }
            problem(key, value, "is not an http(s) URL with a host", allowed);
        } catch (URISyntaxException e) {
            problem(key, value, "is not a well-formed URL (" + e.getReason() + ")", allowed);
        }
        return Endpoint.EMBEDDED;
    }

    public void problem(String key, String value, String reason, String allowed) {
        problems.add(new ConfigProblem(key, value, reason, allowed));
    }

    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }
}
