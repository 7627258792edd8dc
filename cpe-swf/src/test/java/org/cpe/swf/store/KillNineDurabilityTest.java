package org.cpe.swf.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A commit the store has acknowledged survives the process being killed with SIGKILL right after: on an H2 file the
 * last ones are then only in the store's journal, which the reopened store replays.
 */
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
                // SIGKILL on Linux: no shutdown hook, no H2 close, only what reached the files before commit returned.
                writer.destroyForcibly();
                assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(lastAcknowledged).as("the writer process ran").isEqualTo(ACKNOWLEDGED_BEFORE_KILL);
            // The last commits are in the journal, not yet in H2's file: reopening has to replay them.
            assertThat(journalBytes(fixture))
                    .as("bytes in the journal at the kill")
                    .isPositive();

            SwfStore reopened = fixture.open();
            assertThat(reopened.recover().openExecutions().size()).isGreaterThan(lastAcknowledged);
            for (int run = 0; run <= lastAcknowledged; run++) {
                assertThat(reopened.history("r" + run)).as("run %d", run).hasSize(3);
            }
        }
    }

    private static long journalBytes(StoreFixture fixture) throws IOException {
        Path folder = Path.of(fixture.url().substring("jdbc:h2:file:".length()) + ".journal");
        try (Stream<Path> segments = Files.list(folder)) {
            long bytes = 0;
            for (Path segment : segments.toList()) {
                bytes += Files.size(segment);
            }
            return bytes;
        }
    }
}
