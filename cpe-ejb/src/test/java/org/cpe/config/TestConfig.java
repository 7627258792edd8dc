package org.cpe.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged defaults, plus overrides, as a key lookup: MicroProfile Config's layering without a container, with its
 * property expressions ({@code ${cpe.data-dir}}, {@code ${user.home}}) expanded from the other keys and the system
 * properties.
 */
public final class TestConfig {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, String> values = new HashMap<>();

    private TestConfig() {}

    /**
     * The packaged defaults with the HTTP listener declared on loopback, as {@code bin/cpe-server} declares its
     * default {@code --host}; {@link #packaged()} without it.
     */
    public static TestConfig defaults() {
        return packaged().with("cpe.http.host", "127.0.0.1");
    }

    /** The packaged defaults alone, as an EAR on a server that does not say where it listens has them. */
    public static TestConfig packaged() {
        TestConfig config = new TestConfig();
        try (InputStream in = TestConfig.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            properties.stringPropertyNames().forEach(k -> config.values.put(k, properties.getProperty(k)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    /** Overlays a properties file, as CPE_CONFIG_FILE does. */
    public TestConfig withFile(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        return this;
    }

    public TestConfig with(String key, String value) {
        values.put(key, value);
        return this;
    }

    public TestConfig without(String key) {
        values.remove(key);
        return this;
    }

    public Function<String, Optional<String>> lookup() {
        Map<String, String> copy = Map.copyOf(values);
        return key -> Optional.ofNullable(copy.get(key)).map(value -> expand(value, copy, 0));
    }

    private static String expand(String value, Map<String, String> values, int depth) {
        Matcher expression = EXPRESSION.matcher(value);
        if (depth > 10 || !expression.find()) {
            return value;
        }
        String key = expression.group(1);
        String replacement = values.getOrDefault(key, System.getProperty(key, ""));
        return expand(
                value.substring(0, expression.start()) + replacement + value.substring(expression.end()),
                values,
                depth + 1);
    }

    public CpeSettings read() {
        return CpeSettings.read(lookup());
    }
}
