package org.cpe.swf.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server makes is its user's only; an operator's data folder is left as it is. */
class OwnerOnlyTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    @Test
    void aMissingDataFolderAndItsSubfolderAreMadeForTheOwnerOnly() throws IOException {
        Path data = dir.resolve("home/.cpe");

        Path sqs = OwnerOnly.dataSubfolder(data, "sqs");

        assertThat(sqs).isEqualTo(data.toAbsolutePath().resolve("sqs"));
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(sqs)).isEqualTo("rwx------");
    }

    @Test
    void anExistingDataFolderIsLeftAsItIsButItsOwnSubfoldersAreTightened() throws IOException {
        Path data = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path swf = Files.createDirectory(data.resolve("swf"));
        Files.setPosixFilePermissions(swf, PosixFilePermissions.fromString("rwxr-xr-x"));

        OwnerOnly.dataSubfolder(data, "swf");
        OwnerOnly.dataSubfolder(data, "decider");

        assertThat(mode(data)).as("the operator's folder").isEqualTo("rwxr-xr-x");
        assertThat(mode(swf)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("decider"))).isEqualTo("rwx------");
    }

    @Test
    void tighteningKeepsWhatTheOwnerHadAndDropsEveryoneElse() throws IOException {
        Path file = Files.createFile(dir.resolve("db.mv.db"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--rw-rw-"));

        OwnerOnly.tighten(file);
        OwnerOnly.tighten(dir.resolve("missing"));

        assertThat(mode(file)).isEqualTo("r--------");
    }

    @Test
    void aFileIsCreatedForTheOwnerOnlyAndNeverOverwritten() throws IOException {
        Path file = OwnerOnly.createFile(dir.resolve("admin-password"));
        Files.writeString(file, "kept");

        assertThat(mode(file)).isEqualTo("rw-------");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OwnerOnly.createFile(file))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("kept");
    }

    static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
