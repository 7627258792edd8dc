package org.cpe.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.cpe.activity.ActivityTask;

/**
 * A task's own temporary folder ({@code cpe.media.work-dir}, the JVM's temporary folder by default), deleted with
 * everything in it when the task ends, however it ends.
 */
final class WorkDir implements AutoCloseable {

    private final Path path;

    private WorkDir(Path path) {
        this.path = path;
    }

    static WorkDir create(ActivityTask task) {
        try {
            Path root = Path.of(System.getProperty("cpe.media.work-dir", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(root);
            String prefix = ("cpe-media-" + task.activityId()).replaceAll("[^A-Za-z0-9_.-]", "_");
            return new WorkDir(Files.createTempDirectory(root, prefix + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a work folder for the media task", e);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left in the temporary folder; nothing else depends on it.
        }
    }
}
