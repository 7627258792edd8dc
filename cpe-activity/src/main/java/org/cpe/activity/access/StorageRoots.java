package org.cpe.activity.access;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.cpe.activity.ActivityException;
import org.cpe.activity.ActivityReasons;

/**
 * The folders that a job's {@code file:} locations may name, each with what a job may do under it. A location is
 * checked on its path with {@code ..} removed before anything outside the roots is touched, so a refusal reads the same
 * whether or not the file exists; symbolic links inside a root are followed only while they stay under a root. A
 * relative location ({@code file:in/clip.mp4}) lies under the first root. Immutable and thread-safe.
 */
public final class StorageRoots {

    /** What a job may do under a root. */
    public enum Access {
        /** Read files. */
        READ,
        /** Read files and write new ones; an existing file is never replaced. */
        WRITE,
        /** Read, write, and replace an existing file when the job asks to overwrite it. */
        OVERWRITE;

        /** The access named {@code text} ({@code read}, {@code write} or {@code overwrite}, any case). */
        public static Optional<Access> parse(String text) {
            for (Access access : values()) {
                if (access.name().equalsIgnoreCase(text.trim())) {
                    return Optional.of(access);
                }
            }
            return Optional.empty();
        }

        String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One root: an absolute folder and what a job may do under it. */
    public record Root(Path folder, Access access) {

        public Root {
            Objects.requireNonNull(access, "access");
            if (folder == null || !folder.isAbsolute()) {
                throw new IllegalArgumentException("a storage root must be an absolute folder, not " + folder);
            }
            folder = folder.normalize();
        }

        /** The folder with symbolic links resolved, or as given while it does not exist. */
        Path realFolder() {
            try {
                return folder.toRealPath();
            } catch (IOException e) {
                return folder;
            }
        }

        /** In the form {@code cpe.storage.roots} takes: {@code write:/srv/media}. */
        @Override
        public String toString() {
            return access.configName() + ":" + folder;
        }
    }

    private static final StorageRoots NONE = new StorageRoots(List.of());

    /** How many symbolic links one location may pass through, as the kernel's own limit. */
    private static final int MAX_LINKS = 40;

    private final List<Root> roots;

    private StorageRoots(List<Root> roots) {
        this.roots = List.copyOf(roots);
    }

    /** These roots; the first takes relative locations. */
    public static StorageRoots of(List<Root> roots) {
        return roots.isEmpty() ? NONE : new StorageRoots(roots);
    }

    public static StorageRoots of(Root... roots) {
        return of(List.of(roots));
    }

    /** No roots: every {@code file:} location is refused. */
    public static StorageRoots none() {
        return NONE;
    }

    public List<Root> roots() {
        return roots;
    }

    /**
     * The real path of the file at {@code location}, which the job may read.
     *
     * @throws ActivityException {@value ActivityReasons#FILE_NOT_ALLOWED} when it is not under a root
     */
    public Path forReading(URI location) throws ActivityException {
        return resolve(location, Access.READ).path();
    }

    /**
     * The real path to write {@code location} at, under a root that allows writing. An existing file there is refused
     * unless the job asked to {@code overwrite} it and its root allows that; the caller still writes without replacing
     * when {@code overwrite} is false, since another task may make the file in between.
     *
     * @throws ActivityException {@value ActivityReasons#FILE_NOT_ALLOWED} or {@value ActivityReasons#OUTPUT_EXISTS}
     */
    public Path forWriting(URI location, boolean overwrite) throws ActivityException {
        Resolved resolved = resolve(location, Access.WRITE);
        Path path = resolved.path();
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new ActivityException(ActivityReasons.OUTPUT_EXISTS, location + " is a folder, not a file");
            }
            if (!overwrite) {
                throw new ActivityException(
                        ActivityReasons.OUTPUT_EXISTS,
                        location + " exists already; the job may replace it by asking to overwrite (\"overwrite\":"
                                + " true)");
            }
            if (resolved.root().access() != Access.OVERWRITE) {
                throw new ActivityException(
                        ActivityReasons.OUTPUT_EXISTS,
                        location + " exists already, and its storage root does not allow replacing files (an operator"
                                + " allows it with overwrite:<folder> in cpe.storage.roots)");
            }
        }
        return path;
    }

    private record Resolved(Path path, Root root) {}

    private Resolved resolve(URI location, Access needed) throws ActivityException {
        Path lexical = lexicalPath(location);
        Path real = null;
        for (Root root : roots) {
            Path folder = root.realFolder();
            Path relative = relativeTo(root.folder(), lexical);
            if (relative == null) {
                relative = relativeTo(folder, lexical);
            }
            if (relative != null) {
                real = walk(folder, relative, location);
                break;
            }
        }
        Root owner = real == null ? null : owner(real);
        if (owner == null) {
            throw outside(location);
        }
        if (owner.access().compareTo(needed) < 0) {
            throw new ActivityException(
                    ActivityReasons.FILE_NOT_ALLOWED,
                    location + " is under a storage root that allows only reading ("
                            + owner.access().configName() + " in cpe.storage.roots)");
        }
        return new Resolved(real, owner);
    }

    /** The absolute path the location names with {@code .} and {@code ..} removed, touching no file. */
    private Path lexicalPath(URI location) throws ActivityException {
        if (location == null || !"file".equalsIgnoreCase(location.getScheme())) {
            throw new ActivityException(ActivityReasons.FILE_NOT_ALLOWED, location + " is not a file: location");
        }
        try {
            if (location.isOpaque()) {
                if (roots.isEmpty()) {
                    throw outside(location);
                }
                return roots.get(0)
                        .folder()
                        .resolve(location.getSchemeSpecificPart())
                        .normalize();
            }
            String authority = location.getRawAuthority();
            String path = location.getPath();
            if (authority != null && !authority.isEmpty() && !authority.equalsIgnoreCase("localhost")
                    || location.getRawQuery() != null
                    || location.getRawFragment() != null
                    || path == null
                    || !path.startsWith("/")) {
                throw new ActivityException(
                        ActivityReasons.FILE_NOT_ALLOWED,
                        location + " is not a local file location: give file:///absolute/path or file:relative/path");
            }
            return Path.of(path).normalize();
        } catch (InvalidPathException e) {
            throw outside(location);
        }
    }

    private static Path relativeTo(Path folder, Path lexical) {
        return lexical.startsWith(folder) ? folder.relativize(lexical) : null;
    }

    /** The real path of {@code relative} under {@code folder}, following only links that stay under a root. */
    private Path walk(Path folder, Path relative, URI location) throws ActivityException {
        Deque<Path> names = new ArrayDeque<>();
        relative.forEach(names::add);
        Path current = folder;
        int links = 0;
        while (!names.isEmpty()) {
            Path next = current.resolve(names.removeFirst().toString());
            if (!Files.isSymbolicLink(next)) {
                current = next;
                continue;
            }
            if (++links > MAX_LINKS) {
                throw outside(location);
            }
            try {
                current = next.toRealPath();
            } catch (IOException dangling) {
                throw new ActivityException(
                        ActivityReasons.FILE_NOT_ALLOWED,
                        location + " leads through a symbolic link that ends nowhere");
            }
            if (owner(current) == null) {
                throw outside(location);
            }
        }
        return current;
    }

    /** The root whose real folder holds {@code real} most closely, or null. */
    private Root owner(Path real) {
        Root owner = null;
        int depth = -1;
        for (Root root : roots) {
            Path folder = root.realFolder();
            if (real.startsWith(folder) && folder.getNameCount() > depth) {
                owner = root;
                depth = folder.getNameCount();
            }
        }
        return owner;
    }

    private static ActivityException outside(URI location) {
        return new ActivityException(
                ActivityReasons.FILE_NOT_ALLOWED,
                location + " is not under a storage root of this server (cpe.storage.roots): name a file under one, or"
                        + " give a relative location such as file:in/clip.mp4, which lies under the first root");
    }

    @Override
    public String toString() {
        return roots.toString();
    }
}
