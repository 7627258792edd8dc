package org.cpe.s3.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/** An object's {@link ObjectInfo} as a small properties file, forced to disk when written. */
final class ObjectMetadata {

    private static final String USER = "x-amz-meta-";

    private ObjectMetadata() {}

    static void write(ObjectInfo info, Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("key", info.key());
        p.setProperty("size", Long.toString(info.size()));
        p.setProperty("etag", info.etag());
        p.setProperty("content-type", info.contentType());
        p.setProperty("last-modified", info.lastModified().toString());
        putUser(p, info.metadata());
        try (FileChannel channel =
                        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                OutputStream out = Channels.newOutputStream(channel)) {
            p.store(out, null);
            channel.force(true);
        }
    }

    static Optional<ObjectInfo> read(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(new ObjectInfo(
                p.getProperty("key"),
                Long.parseLong(p.getProperty("size")),
                p.getProperty("etag"),
                p.getProperty("content-type"),
                Instant.parse(p.getProperty("last-modified")),
                user(p)));
    }

    /** Adds the user metadata as {@code x-amz-meta-} properties (a multipart upload keeps it so until completion). */
    static void putUser(Properties p, Map<String, String> user) {
        user.forEach((name, value) -> p.setProperty(USER + name, value));
    }

    /** The user metadata among the properties, by name. */
    static Map<String, String> user(Properties p) {
        Map<String, String> user = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith(USER)) {
                user.put(name.substring(USER.length()), p.getProperty(name));
            }
        }
        return user;
    }
}
