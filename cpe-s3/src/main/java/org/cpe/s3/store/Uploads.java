package org.cpe.s3.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Multipart uploads, as S3 has them: parts 1 to 10,000 uploaded in any order (a part sent again replaces the earlier
 * one), every part but the last at least 5 MiB, and completion that joins the listed parts into the object, whose
 * entity tag is the MD5 of the parts' MD5s and their count. Each upload is a folder in {@code .uploads}.
 */
public final class Uploads {

    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    private static final int MAX_PARTS = 10_000;
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f-]{36}");
    private static final String UPLOAD = "upload.properties";

    private final Path dir;
    private final ObjectStore store;
    private final Staging staging;

    Uploads(Path dir, ObjectStore store, Staging staging) throws IOException {
        this.dir = dir;
        this.store = store;
        this.staging = staging;
        Files.createDirectories(dir);
    }

    /** A part of the object to complete, as the client lists it. */
    public record Part(int number, String etag) {}

    /** Starts an upload of the key; its id. */
    public String start(String bucket, String key, String contentType, Map<String, String> metadata)
            throws StoreException, IOException {
        if (!store.bucketExists(bucket)) {
            ObjectNames.checkBucket(bucket);
            throw StoreException.noSuchBucket(bucket);
        }
        ObjectNames.checkKey(bucket, key);
        String id = UUID.randomUUID().toString();
        Path upload = Files.createDirectories(dir.resolve(id));
        Properties p = new Properties();
        p.setProperty("bucket", bucket);
        p.setProperty("key", key);
        if (contentType != null) {
            p.setProperty("content-type", contentType);
        }
        ObjectMetadata.putUser(p, metadata);
        try (OutputStream out = Files.newOutputStream(upload.resolve(UPLOAD))) {
            p.store(out, null);
        }
        return id;
    }

    /** Stores one part; its entity tag. */
    public String putPart(String bucket, String key, String uploadId, int number, InputStream data)
            throws StoreException, IOException {
        Path upload = upload(bucket, key, uploadId);
        if (number < 1 || number > MAX_PARTS) {
            throw StoreException.invalidArgument(
                    "Part number must be an integer between 1 and 10000, inclusive: " + number, uploadId);
        }
        Staging.Staged part = staging.write(data);
        try {
            Files.writeString(upload.resolve(number + ".etag"), part.md5(), StandardCharsets.US_ASCII);
            Files.move(part.file(), upload.resolve(Integer.toString(number)), StandardCopyOption.REPLACE_EXISTING);
            return part.md5();
        } finally {
            Files.deleteIfExists(part.file());
        }
    }

    /** Joins the listed parts into the object and ends the upload. */
    public ObjectInfo complete(String bucket, String key, String uploadId, List<Part> parts)
            throws StoreException, IOException {
        Path upload = upload(bucket, key, uploadId);
        if (parts.isEmpty()) {
            throw new StoreException(
                    "MalformedXML", 400, "You must specify at least one part to complete an upload", uploadId);
        }
        MessageDigest etags = Staging.md5();
        Path joined = staging.newFile();
        long size = 0;
        try {
            try (FileChannel out = FileChannel.open(joined, StandardOpenOption.WRITE)) {
                int previous = 0;
                for (int i = 0; i < parts.size(); i++) {
                    Part part = parts.get(i);
                    if (part.number() <= previous) {
                        throw new StoreException(
                                "InvalidPartOrder",
                                400,
                                "The list of parts was not in ascending order: part " + part.number() + " after "
                                        + previous,
                                uploadId);
                    }
                    previous = part.number();
                    Path file = upload.resolve(Integer.toString(part.number()));
                    Path etagFile = upload.resolve(part.number() + ".etag");
                    String wanted = part.etag() == null ? "" : part.etag().replace("\"", "");
                    if (!Files.exists(file)
                            || !Files.readString(etagFile, StandardCharsets.US_ASCII)
                                    .equals(wanted)) {
                        throw new StoreException(
                                "InvalidPart",
                                400,
                                "One or more of the specified parts could not be found or its entity tag does not"
                                        + " match: part " + part.number(),
                                uploadId);
                    }
                    long partSize = Files.size(file);
                    if (partSize < MIN_PART_SIZE && i < parts.size() - 1) {
                        throw new StoreException(
                                "EntityTooSmall",
                                400,
                                "Your proposed upload is smaller than the minimum allowed object size: part "
                                        + part.number() + " has " + partSize + " bytes, and every part but the last"
                                        + " needs 5 MiB",
                                uploadId);
                    }
                    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                        long done = 0;
                        while (done < partSize) {
                            done += in.transferTo(done, partSize - done, out);
                        }
                    }
                    size += partSize;
                    etags.update(HexFormat.of().parseHex(wanted));
                }
                out.force(true);
            }
            Properties p = properties(upload);
            Map<String, String> metadata = ObjectMetadata.user(p);
            String etag = HexFormat.of().formatHex(etags.digest()) + "-" + parts.size();
            ObjectInfo info = store.commit(bucket, key, joined, size, etag, p.getProperty("content-type"), metadata);
            deleteUpload(upload);
            return info;
        } finally {
            Files.deleteIfExists(joined);
        }
    }

    /** Ends the upload and drops its parts. */
    public void abort(String bucket, String key, String uploadId) throws StoreException, IOException {
        deleteUpload(upload(bucket, key, uploadId));
    }

    private Path upload(String bucket, String key, String uploadId) throws StoreException, IOException {
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
            throw StoreException.noSuchUpload(String.valueOf(uploadId));
        }
        Path upload = dir.resolve(uploadId);
        if (!Files.isRegularFile(upload.resolve(UPLOAD))) {
            throw StoreException.noSuchUpload(uploadId);
        }
        Properties p = properties(upload);
        if (!bucket.equals(p.getProperty("bucket")) || !key.equals(p.getProperty("key"))) {
            throw StoreException.noSuchUpload(uploadId);
        }
        return upload;
    }

    private static Properties properties(Path upload) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(upload.resolve(UPLOAD))) {
            p.load(in);
        }
        return p;
    }

    private static void deleteUpload(Path upload) throws IOException {
        try (var files = Files.list(upload)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(upload);
    }
}
