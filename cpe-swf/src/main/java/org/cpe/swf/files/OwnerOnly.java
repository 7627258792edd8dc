package org.cpe.swf.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/** Folders {@code rwx------} and files {@code rw-------} for what CPE keeps; without POSIX permissions, no change. */
public final class OwnerOnly {

    private static final Logger LOG = Logger.getLogger(OwnerOnly.class.getName());
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);
    /** Data folders already warned about, so that each role's start does not repeat it. */
    private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

    private OwnerOnly() {}

    /**
     * The data folder ({@code cpe.data-dir}): made {@code rwx------} when missing (its missing parents as the umask
     * makes them). An existing one is never changed, since the operator may have chosen it for other things too; when
     * its group or others may use it, a warning says so once.
     */
    public static Path dataFolder(Path dataDir) throws IOException {
        Path folder = dataDir.toAbsolutePath();
        if (Files.isDirectory(folder)) {
            warnIfShared(folder);
            return folder;
        }
        if (folder.getParent() != null) {
            Files.createDirectories(folder.getParent());
        }
        try {
            if (posix(folder)) {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            } else {
                Files.createDirectory(folder);
            }
        } catch (FileAlreadyExistsException e) {
            // Made meanwhile by another role of this server, or a file by that name (which the next step reports).
            if (!Files.isDirectory(folder)) {
                throw e;
            }
        }
        return folder;
    }

    /**
     * A folder of CPE's own in the data folder, such as {@code sqs}: the data folder as {@link #dataFolder} leaves it,
     * and in it the folder {@code name} as {@link #folder} makes it.
     */
    public static Path dataSubfolder(Path dataDir, String name) throws IOException {
        return folder(dataFolder(dataDir).resolve(name));
    }

    /**
     * A folder of CPE's own: made {@code rwx------} with any missing parents when missing, else stripped of the
     * group's and others' permissions.
     */
    public static Path folder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            if (posix(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            } else {
                Files.createDirectories(folder);
            }
            return folder;
        }
        tighten(folder);
        return folder;
    }

    /** A new empty file, {@code rw-------}; throws {@link FileAlreadyExistsException} when it exists. */
    public static Path createFile(Path file) throws IOException {
        return Files.createFile(file, fileAttributes(file));
    }

    /**
     * The attributes that make a file {@code rw-------} as it is created, for {@code Files.newByteChannel} and {@code
     * FileChannel.open}; none without POSIX permissions. They apply only to a file the call creates.
     */
    public static FileAttribute<?>[] fileAttributes(Path file) {
        return posix(file)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }

    /**
     * Strips an existing file or folder, such as a database file another library made, of the group's and others'
     * permissions. Where the file system refuses (a mount without POSIX permissions, a file of another user), a
     * warning says so and the server goes on.
     */
    public static void tighten(Path path) {
        if (!posix(path) || !Files.exists(path)) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.removeAll(OTHERS)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warning(() -> "Cannot make " + path + " readable by its owner only: " + e);
        }
    }

    private static void warnIfShared(Path folder) {
        if (!posix(folder)) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
            if (permissions.stream().anyMatch(OTHERS::contains) && WARNED.add(folder)) {
                String mode = PosixFilePermissions.toString(permissions);
                LOG.warning(() -> "The data folder " + folder + " is " + mode + ": its group or others may enter it."
                        + " CPE leaves it as it is and keeps its own files in folders there that only its user may"
                        + " open; chmod 700 it unless others need it");
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.fine(() -> "Cannot read the permissions of " + folder + ": " + e);
        }
    }

    private static boolean posix(Path path) {
        return path != null
                && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
