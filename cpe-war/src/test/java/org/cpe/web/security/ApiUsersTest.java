package org.cpe.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default operator's password file: made once, readable by the server's user only, kept across restarts. */
class ApiUsersTest {

    @TempDir
    Path dir;

    @Test
    void thePasswordFileAndAFreshDataFolderAreTheServersUsersOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path data = dir.resolve("home/.cpe");

        String password = ApiUsers.defaultPassword(data);

        assertThat(password).hasSizeGreaterThanOrEqualTo(24);
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("admin-password"))).isEqualTo("rw-------");
        assertThat(ApiUsers.defaultPassword(data)).as("kept across restarts").isEqualTo(password);
    }

    @Test
    void anOperatorsDataFolderIsLeftAsItIs() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path data = Files.createDirectory(dir.resolve("srv-cpe"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));

        ApiUsers.defaultPassword(data);

        assertThat(mode(data)).isEqualTo("rwxr-x---");
        assertThat(mode(data.resolve("admin-password"))).isEqualTo("rw-------");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
