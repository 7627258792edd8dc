package org.cpe.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The README's configuration reference must list every key CPE reads, with the default it really has. */
class ConfigurationReferenceTest {

    @Test
    void readmeDocumentsEveryKeyWithItsDefaultAndEnvironmentName() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Properties defaults = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        }

        assertThat(defaults.stringPropertyNames()).isNotEmpty();
        for (String key : defaults.stringPropertyNames()) {
            String row = readme.lines()
                    .filter(line -> line.startsWith("| `" + key + "` "))
                    .findFirst()
                    .orElse("");
            assertThat(row).as("README row for %s", key).isNotEmpty();
            assertThat(row)
                    .as("README row for %s", key)
                    .contains("`" + defaults.getProperty(key) + "`")
                    .contains("`" + ConfigProblem.environmentName(key) + "`");
        }
    }
}
