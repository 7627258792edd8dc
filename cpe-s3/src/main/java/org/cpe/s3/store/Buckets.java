package org.cpe.s3.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The buckets: a folder each under the store's root, named as the bucket and marked as one by its {@code .meta}
 * folder, which holds the metadata of its objects. A bucket is created and deleted under its lock.
 */
final class Buckets {

    /** The folder in a bucket that holds its objects' metadata. */
    static final String META = ".meta";

    private final Path root;
    private final KeyLocks locks;

    Buckets(Path root, KeyLocks locks) {
        this.root = root;
        this.locks = locks;
    }

    void create(String bucket) throws StoreException, IOException {
        ObjectNames.checkBucket(bucket);
        Path dir = root.resolve(bucket);
        synchronized (locks.of(bucket, "")) {
            if (Files.isDirectory(dir)) {
                throw new StoreException(
                        "BucketAlreadyOwnedByYou",
                        409,
                        "Your previous request to create the named bucket succeeded and you already own it: " + bucket,
                        bucket);
            }
            Files.createDirectories(dir.resolve(META));
        }
    }

    /** Creates the bucket unless it exists; whether it was made. */
    boolean ensure(String bucket) throws StoreException, IOException {
        try {
            create(bucket);
            return true;
        } catch (StoreException e) {
            if (e.code().equals("BucketAlreadyOwnedByYou")) {
                return false;
            }
            throw e;
        }
    }

    boolean exists(String bucket) {
        try {
            ObjectNames.checkBucket(bucket);
        } catch (StoreException e) {
            return false;
        }
        return Files.isDirectory(root.resolve(bucket).resolve(META));
    }

    /** The buckets with their creation times, by name. */
    List<Map.Entry<String, Instant>> all() throws IOException {
        List<Map.Entry<String, Instant>> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!name.startsWith(".") && exists(name)) {
                    Instant created = Files.readAttributes(dir, BasicFileAttributes.class)
                            .creationTime()
                            .toInstant();
                    found.add(Map.entry(name, created));
                }
            }
        }
        found.sort(Map.Entry.comparingByKey());
        return found;
    }

    /** Deletes an empty bucket. */
    void delete(String bucket) throws StoreException, IOException {
        Path dir = dir(bucket);
        synchronized (locks.of(bucket, "")) {
            try (Stream<Path> files = Files.list(dir.resolve(META))) {
                if (files.findAny().isPresent()) {
                    throw new StoreException(
                            "BucketNotEmpty", 409, "The bucket you tried to delete is not empty: " + bucket, bucket);
                }
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (!p.getFileName().toString().equals(META)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            Files.delete(dir.resolve(META));
            Files.delete(dir);
        }
    }

    /** The folder of an existing bucket. */
    Path dir(String bucket) throws StoreException {
        ObjectNames.checkBucket(bucket);
        Path dir = root.resolve(bucket);
        if (!Files.isDirectory(dir.resolve(META))) {
            throw StoreException.noSuchBucket(bucket);
        }
        return dir;
    }
}
