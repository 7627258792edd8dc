package org.cpe.s3.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Buckets and objects kept as files under one folder: {@code <root>/<bucket>/<file name of the key>} holds an object's
 * bytes and {@code <root>/<bucket>/.meta/<file name>} its {@link ObjectInfo}. A write streams into {@code .tmp},
 * is forced to disk, and is then renamed into place with its metadata under the key's lock, so a reader sees the old
 * object or the new one, never a part, and a crash loses no object whose PUT was answered. Multipart uploads live in
 * {@code .uploads} ({@link Uploads}). Thread-safe.
 */
public final class ObjectStore {

    private static final String META = ".meta";
    private static final int STRIPES = 64;

    private final Path root;
    private final Path tmp;
    private final Object[] locks = new Object[STRIPES];
    private final Uploads uploads;

    private ObjectStore(Path root) throws IOException {
        this.root = root;
        this.tmp = root.resolve(".tmp");
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
        Files.createDirectories(tmp);
        this.uploads = new Uploads(root.resolve(".uploads"), this);
    }

    /** The store in {@code root}, made when missing; writes a crash left half done are removed. */
    public static ObjectStore open(Path root) throws IOException {
        ObjectStore store = new ObjectStore(root);
        try (Stream<Path> leftovers = Files.list(store.tmp)) {
            for (Path p : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(p);
            }
        }
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
        ObjectNames.checkBucket(bucket);
        Path dir = root.resolve(bucket);
        synchronized (lock(bucket, "")) {
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
    public boolean ensureBucket(String bucket) throws StoreException, IOException {
        try {
            createBucket(bucket);
            return true;
        } catch (StoreException e) {
            if (e.code().equals("BucketAlreadyOwnedByYou")) {
                return false;
            }
            throw e;
        }
    }

    public boolean bucketExists(String bucket) {
        try {
            ObjectNames.checkBucket(bucket);
        } catch (StoreException e) {
            return false;
        }
        return Files.isDirectory(root.resolve(bucket).resolve(META));
    }

    /** The buckets with their creation times, by name. */
    public List<Map.Entry<String, Instant>> buckets() throws IOException {
        List<Map.Entry<String, Instant>> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!name.startsWith(".") && bucketExists(name)) {
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
    public void deleteBucket(String bucket) throws StoreException, IOException {
        Path dir = bucketDir(bucket);
        synchronized (lock(bucket, "")) {
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

    /** Stores {@code data} under the key, replacing any object there; the bytes stream to disk, never all in memory. */
    public ObjectInfo put(String bucket, String key, InputStream data, String contentType, Map<String, String> metadata)
            throws StoreException, IOException {
        bucketDir(bucket);
        ObjectNames.checkKey(bucket, key);
        Path partial = newTemporary();
        try {
            MessageDigest md5 = md5();
            long size;
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
                    OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), md5)) {
                size = data.transferTo(out);
                out.flush();
                channel.force(true);
            }
            return commit(bucket, key, partial, size, HexFormat.of().formatHex(md5.digest()), contentType, metadata);
        } finally {
            Files.deleteIfExists(partial);
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
        Path dir = bucketDir(bucket);
        String name = ObjectNames.fileName(key);
        ObjectInfo info = new ObjectInfo(
                key,
                size,
                etag,
                contentType == null || contentType.isBlank() ? "binary/octet-stream" : contentType,
                Instant.now(),
                metadata);
        Path metaPartial = newTemporary();
        try {
            ObjectMetadata.write(info, metaPartial);
            synchronized (lock(bucket, key)) {
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
        Path dir = bucketDir(bucket);
        ObjectNames.checkKey(bucket, key);
        synchronized (lock(bucket, key)) {
            return ObjectMetadata.read(dir.resolve(META).resolve(ObjectNames.fileName(key)))
                    .orElseThrow(() -> StoreException.noSuchKey(bucket, key));
        }
    }

    /** The object's metadata and an open channel on its bytes, which stays valid if the object is replaced meanwhile. */
    public StoredObject open(String bucket, String key) throws StoreException, IOException {
        Path dir = bucketDir(bucket);
        ObjectNames.checkKey(bucket, key);
        String name = ObjectNames.fileName(key);
        synchronized (lock(bucket, key)) {
            Optional<ObjectInfo> info = ObjectMetadata.read(dir.resolve(META).resolve(name));
            if (info.isEmpty()) {
                throw StoreException.noSuchKey(bucket, key);
            }
            return new StoredObject(info.get(), FileChannel.open(dir.resolve(name), StandardOpenOption.READ));
        }
    }

    /** Deletes the object; deleting a key that holds none is not an error, as in S3. */
    public void delete(String bucket, String key) throws StoreException, IOException {
        Path dir = bucketDir(bucket);
        ObjectNames.checkKey(bucket, key);
        String name = ObjectNames.fileName(key);
        synchronized (lock(bucket, key)) {
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
        Path meta = bucketDir(bucket).resolve(META);
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

    private Path bucketDir(String bucket) throws StoreException {
        ObjectNames.checkBucket(bucket);
        Path dir = root.resolve(bucket);
        if (!Files.isDirectory(dir.resolve(META))) {
            throw StoreException.noSuchBucket(bucket);
        }
        return dir;
    }

    Path newTemporary() throws IOException {
        Path file = tmp.resolve(UUID.randomUUID().toString());
        Files.createFile(file);
        return file;
    }

    private Object lock(String bucket, String key) {
        return locks[Math.floorMod(31 * bucket.hashCode() + key.hashCode(), STRIPES)];
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

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
