package org.cpe.swf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cpe.swf.store.Records.events;
import static org.cpe.swf.store.Records.open;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cpe.swf.store.Change.EventsAppended;
import org.cpe.swf.store.Change.ExecutionPut;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 store's database file, journal folder and journal segments are readable by the server's user only. */
class H2StoreFileModesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    @Test
    void aNewDatabaseAndItsJournalAreTheOwnersOnly() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("swf"));

        try (JdbcSwfStore store = JdbcSwfStore.open("jdbc:h2:file:" + folder.resolve("swf"), null, null)) {
            write(store);

            assertThat(mode(folder.resolve("swf.mv.db"))).isEqualTo("rw-------");
            assertThat(mode(folder.resolve("swf.journal"))).isEqualTo("rwx------");
            // Looked at while the store is open: a checkpoint deletes the segments it wrote to the file.
            try (Stream<Path> segments = Files.list(folder.resolve("swf.journal"))) {
                assertThat(segments.toList())
                        .as("journal segments")
                        .isNotEmpty()
                        .allSatisfy(segment -> assertThat(mode(segment)).isEqualTo("rw-------"));
            }
        }
    }

    @Test
    void anEarlierDatabaseAndJournalFolderMadeForEveryoneAreTightened() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("swf"));
        try (JdbcSwfStore store = JdbcSwfStore.open("jdbc:h2:file:" + folder.resolve("swf"), null, null)) {
            write(store);
        }
        Files.setPosixFilePermissions(folder.resolve("swf.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(folder.resolve("swf.journal"), PosixFilePermissions.fromString("rwxr-xr-x"));

        try (JdbcSwfStore store = JdbcSwfStore.open("jdbc:h2:file:" + folder.resolve("swf"), null, null)) {
            write(store);
        }

        assertThat(mode(folder.resolve("swf.mv.db"))).isEqualTo("rw-------");
        assertThat(mode(folder.resolve("swf.journal"))).isEqualTo("rwx------");
    }

    private static void write(JdbcSwfStore store) throws Exception {
        String run = "r" + System.nanoTime();
        store.submit(List.of(new ExecutionPut(open("d", "w", run, 1)), new EventsAppended(run, events(1, 2))))
                .get(10, TimeUnit.SECONDS);
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
