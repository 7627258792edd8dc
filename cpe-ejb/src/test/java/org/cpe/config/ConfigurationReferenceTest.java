package org.cpe.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The configuration reference in docs/configuration.md must list every key CPE reads, with its real default. */
class ConfigurationReferenceTest {

    @Test
    void referenceDocumentsEveryKeyWithItsDefaultAndEnvironmentName() throws IOException {
        String reference = Files.readString(Path.of("..", "docs", "configuration.md"));
        Properties defaults = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        }

        assertThat(defaults.stringPropertyNames()).isNotEmpty();
        for (String key : defaults.stringPropertyNames()) {
            String row = reference
                    .lines()
                    .filter(line -> line.startsWith("| `" + key + "` "))
                    .findFirst()
                    .orElse("");
            assertThat(row).as("docs/configuration.md row for %s", key).isNotEmpty();
            assertThat(row)
                    .as("docs/configuration.md row for %s", key)
                    .contains("`" + defaults.getProperty(key) + "`")
                    .contains("`" + ConfigProblem.environmentName(key) + "`");
        }
    }
}
