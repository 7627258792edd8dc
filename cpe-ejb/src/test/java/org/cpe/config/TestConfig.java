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

/** The packaged defaults, plus overrides, as a key lookup: MicroProfile Config's layering without a container. */
public final class TestConfig {

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
        return key -> Optional.ofNullable(copy.get(key));
    }

    public CpeSettings read() {
        return CpeSettings.read(lookup());
    }
}
