package org.cpe.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** POSIX modes of files in tests, as {@code ls -l} shows them ({@code rwx------}). */
public final class FileModes {

    private FileModes() {}

    /** Skips the test on a file system without POSIX permissions, where CPE changes no mode. */
    public static void assumePosix(Path path) {
        assumeTrue(path.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    public static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes a folder with {@code mode}, as an operator or an earlier version of CPE left it. */
    public static Path folder(Path path, String mode) {
        try {
            Files.createDirectories(path);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
