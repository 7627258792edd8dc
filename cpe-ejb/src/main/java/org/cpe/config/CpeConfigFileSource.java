package org.cpe.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The per-environment properties file ({@code config/local.properties}, {@code config/aws.properties}, …) named by
 * the system property {@code cpe.config.file} or the environment variable {@code CPE_CONFIG_FILE}.
 *
 * <p>Its ordinal, 250, puts it above the packaged defaults (100) and below environment variables (300) and system
 * properties (400), so an environment variable still overrides the file. A missing file yields no values here;
 * {@link CpeSettings} reports it as a configuration problem.
 */
public class CpeConfigFileSource implements ConfigSource {

    public static final String FILE_KEY = "cpe.config.file";
    public static final int ORDINAL = 250;

    private static final Logger LOG = Logger.getLogger(CpeConfigFileSource.class.getName());

    private final String name;
    private final Map<String, String> properties;

    public CpeConfigFileSource() {
        this(locate());
    }

    CpeConfigFileSource(Path file) {
        this.name = "CPE config file " + (file == null ? "(none)" : file.toAbsolutePath());
        this.properties = file == null ? Map.of() : load(file);
    }

    private static Path locate() {
        String file = System.getProperty(FILE_KEY);
        if (file == null || file.isBlank()) {
            file = System.getenv(ConfigProblem.environmentName(FILE_KEY));
        }
        return file == null || file.isBlank() ? null : Paths.get(file.trim());
    }

    private static Map<String, String> load(Path file) {
        if (!Files.isReadable(file)) {
            return Map.of();
        }
        Properties loaded = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(in);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "Cannot read the CPE config file " + file, e);
            return Map.of();
        }
        return loaded.stringPropertyNames().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(k -> k, loaded::getProperty));
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
