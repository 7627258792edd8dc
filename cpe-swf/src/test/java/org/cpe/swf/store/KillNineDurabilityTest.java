package org.cpe.swf.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A commit H2 has acknowledged survives the process being killed with SIGKILL right after. */
class KillNineDurabilityTest {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

    @Test
    void everyAcknowledgedCommitSurvivesKillNine() throws Exception {
        try (StoreFixture fixture = StoreFixture.h2()) {
            Process writer = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            KillNineWriter.class.getName(),
                            fixture.url())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            int lastAcknowledged = -1;
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while (lastAcknowledged < ACKNOWLEDGED_BEFORE_KILL && (line = lines.readLine()) != null) {
                    if (line.startsWith("acknowledged ")) {
                        lastAcknowledged = Integer.parseInt(line.substring("acknowledged ".length()));
                    }
                }
                // SIGKILL on Linux: no shutdown hook, no H2 close, only what reached the file before commit returned.
                writer.destroyForcibly();
                assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(lastAcknowledged).as("the writer process ran").isEqualTo(ACKNOWLEDGED_BEFORE_KILL);

            SwfStore reopened = fixture.open();
            assertThat(reopened.recover().openExecutions().size()).isGreaterThan(lastAcknowledged);
            for (int run = 0; run <= lastAcknowledged; run++) {
                assertThat(reopened.history("r" + run)).as("run %d", run).hasSize(3);
            }
        }
    }
}
