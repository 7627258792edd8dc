package org.cpe.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpeConfigFileSourceTest {

    @Test
    void servesTheFilesPropertiesBetweenPackagedDefaultsAndEnvironment(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("site.properties");
        Files.writeString(file, "cpe.roles=decider\ncpe.aws.region=eu-west-3\n");

        CpeConfigFileSource source = new CpeConfigFileSource(file);

        assertThat(source.getValue("cpe.roles")).isEqualTo("decider");
        assertThat(source.getPropertyNames()).containsExactlyInAnyOrder("cpe.roles", "cpe.aws.region");
        assertThat(source.getOrdinal()).isGreaterThan(100).isLessThan(300);
        assertThat(source.getName()).contains("site.properties");
    }

    @Test
    void missingFileServesNothing(@TempDir Path dir) {
        CpeConfigFileSource source = new CpeConfigFileSource(dir.resolve("absent.properties"));

        assertThat(source.getPropertyNames()).isEmpty();
        assertThat(source.getValue("cpe.roles")).isNull();
    }
}
