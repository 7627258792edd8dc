package org.cpe.s3.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Buckets and objects kept as files under one folder: {@code <root>/<bucket>/<file name of the key>} holds an object's
 * bytes and {@code <root>/<bucket>/.meta/<file name>} its {@link ObjectInfo}. A write streams into {@code .tmp}
 * ({@link Staging}), is forced to disk, and is then renamed into place with its metadata under the key's lock
 * ({@link KeyLocks}), so a reader sees the old object or the new one, never a part, and a crash loses no object whose
 * PUT was answered. Bucket folders are {@link Buckets}'; multipart uploads live in {@code .uploads} ({@link Uploads}).
 * Thread-safe.
 */
public final class ObjectStore {

    private static final String META = Buckets.META;

    private final Path root;
    private final KeyLocks locks = new KeyLocks();
    private final Staging staging;
    private final Buckets buckets;
    private final Uploads uploads;

    private ObjectStore(Path root) throws IOException {
        this.root = root;
        this.staging = new Staging(root.resolve(".tmp"));
        this.buckets = new Buckets(root, locks);
        this.uploads = new Uploads(root.resolve(".uploads"), this, staging);
    }

    /** The store in {@code root}, made when missing; writes a crash left half done are removed. */
    public static ObjectStore open(Path root) throws IOException {
        ObjectStore store = new ObjectStore(root);
        store.staging.clear();
        return store;
    }

    /** The folder the store keeps its files in. */
    public Path root() {
        return root;
    }

    /** The multipart uploads in progress. */
    public Uploads uploads() {
        return uploads;
    }

    public void createBucket(String bucket) throws StoreException, IOException {
        buckets.create(bucket);
    }

    /** Creates the bucket unless it exists; whether it was made. */
    public boolean ensureBucket(String bucket) throws StoreException, IOException {
        return buckets.ensure(bucket);
    }

    public boolean bucketExists(String bucket) {
        return buckets.exists(bucket);
    }

    /** The buckets with their creation times, by name. */
    public List<Map.Entry<String, Instant>> buckets() throws IOException {
        return buckets.all();
    }

    /** Deletes an empty bucket. */
    public void deleteBucket(String bucket) throws StoreException, IOException {
        buckets.delete(bucket);
    }

    /** Stores {@code data} under the key, replacing any object there; the bytes stream to disk, never all in memory. */
    public ObjectInfo put(String bucket, String key, InputStream data, String contentType, Map<String, String> metadata)
            throws StoreException, IOException {
        buckets.dir(bucket);
        ObjectNames.checkKey(bucket, key);
        Staging.Staged staged = staging.write(data);
        try {
            return commit(bucket, key, staged.file(), staged.size(), staged.md5(), contentType, metadata);
        } finally {
            Files.deleteIfExists(staged.file());
        }
    }

    /**
     * Puts the finished temporary file {@code partial} in place as the key's object, with its metadata; the rename
     * happens under the key's lock, so that {@link #open} pairs the right metadata with the right bytes.
     */
    ObjectInfo commit(
            String bucket,
            String key,
            Path partial,
            long size,
            String etag,
            String contentType,
            Map<String, String> metadata)
            throws StoreException, IOException {
        Path dir = buckets.dir(bucket);
        String name = ObjectNames.fileName(key);
        ObjectInfo info = new ObjectInfo(
                key,
                size,
                etag,
                contentType == null || contentType.isBlank() ? "binary/octet-stream" : contentType,
                Instant.now(),
                metadata);
        Path metaPartial = staging.newFile();
        try {
            ObjectMetadata.write(info, metaPartial);
            synchronized (locks.of(bucket, key)) {
                Files.move(
                        partial,
                        dir.resolve(name),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                Files.move(
                        metaPartial,
                        dir.resolve(META).resolve(name),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            return info;
        } finally {
            Files.deleteIfExists(metaPartial);
        }
    }

    public ObjectInfo head(String bucket, String key) throws StoreException, IOException {
        Path dir = buckets.dir(bucket);
        ObjectNames.checkKey(bucket, key);
        synchronized (locks.of(bucket, key)) {
            return ObjectMetadata.read(dir.resolve(META).resolve(ObjectNames.fileName(key)))
                    .orElseThrow(() -> StoreException.noSuchKey(bucket, key));
        }
    }

    /** The object's metadata and an open channel on its bytes, which stays valid if the object is replaced meanwhile. */
    public StoredObject open(String bucket, String key) throws StoreException, IOException {
        Path dir = buckets.dir(bucket);
        ObjectNames.checkKey(bucket, key);
        String name = ObjectNames.fileName(key);
        synchronized (locks.of(bucket, key)) {
            Optional<ObjectInfo> info = ObjectMetadata.read(dir.resolve(META).resolve(name));
            if (info.isEmpty()) {
                throw StoreException.noSuchKey(bucket, key);
            }
            return new StoredObject(info.get(), FileChannel.open(dir.resolve(name), StandardOpenOption.READ));
        }
    }

    /** Deletes the object; deleting a key that holds none is not an error, as in S3. */
    public void delete(String bucket, String key) throws StoreException, IOException {
        Path dir = buckets.dir(bucket);
        ObjectNames.checkKey(bucket, key);
        String name = ObjectNames.fileName(key);
        synchronized (locks.of(bucket, key)) {
            Files.deleteIfExists(dir.resolve(META).resolve(name));
            Files.deleteIfExists(dir.resolve(name));
        }
    }

    /**
     * One page of the keys that start with {@code prefix} and sort after {@code after} (null: from the start). With a
     * delimiter, keys that have it after the prefix are rolled up into one common prefix each. Each object and each
     * common prefix counts towards {@code maxKeys}.
     */
    public Listing list(String bucket, String prefix, String delimiter, String after, int maxKeys)
            throws StoreException, IOException {
        Path meta = buckets.dir(bucket).resolve(META);
        String from = prefix == null ? "" : prefix;
        List<String> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(meta)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Optional<String> key = ObjectNames.keyOf(name);
                if (key.isEmpty()) {
                    key = ObjectMetadata.read(file).map(ObjectInfo::key);
                }
                key.filter(k -> k.startsWith(from)).ifPresent(keys::add);
            }
        }
        keys.sort(ObjectStore::compareUtf8);
        return new ListingPage(this, bucket, from, delimiter, after, maxKeys).build(keys);
    }

    /** UTF-8 binary order, S3's order of keys: for Java's UTF-16 strings, by code point. */
    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
