package org.cpe.embedded.swf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpe.testing.FileModes.mode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.cpe.config.CpeSettings;
import org.cpe.config.TestConfig;
import org.cpe.testing.FileModes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded SWF service's default H2 database in the data folder: its folder, file and journal. */
class EmbeddedSwfServiceTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        FileModes.assumePosix(dir);
    }

    @Test
    void aFreshDataFolderGetsTheDatabaseAndItsJournalForTheServersUserOnly() {
        Path data = dir.resolve("home/.cpe");

        startAndStop(data);

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("swf"))).isEqualTo("rwx------");
        assertThat(mode(data.resolve("swf/swf.mv.db"))).isEqualTo("rw-------");
        assertThat(mode(data.resolve("swf/swf.journal"))).isEqualTo("rwx------");
    }

    @Test
    void inAnOperatorsDataFolderWhatAnEarlierVersionLeftOpenIsTightenedButTheDataFolderIsLeftAsItIs() throws Exception {
        Path data = FileModes.folder(dir.resolve("srv-cpe"), "rwxr-xr-x");
        startAndStop(data);
        FileModes.folder(data.resolve("swf"), "rwxr-xr-x");
        FileModes.folder(data.resolve("swf/swf.journal"), "rwxr-xr-x");
        Files.setPosixFilePermissions(data.resolve("swf/swf.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));

        startAndStop(data);

        assertThat(mode(data)).isEqualTo("rwxr-xr-x");
        assertThat(mode(data.resolve("swf"))).isEqualTo("rwx------");
        assertThat(mode(data.resolve("swf/swf.mv.db"))).isEqualTo("rw-------");
        assertThat(mode(data.resolve("swf/swf.journal"))).isEqualTo("rwx------");
    }

    private static void startAndStop(Path data) {
        CpeSettings settings =
                TestConfig.defaults().with("cpe.data-dir", data.toString()).read();
        EmbeddedSwfService service = new EmbeddedSwfService();
        service.start(settings);
        try {
            service.client().registerDomain(r -> r.name("modes-" + System.nanoTime())
                    .workflowExecutionRetentionPeriodInDays("1"));
        } finally {
            service.stop();
        }
    }
}
